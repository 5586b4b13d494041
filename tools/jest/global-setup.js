// Loads the addresses the provisioning script wrote, compiles the apps for the end-to-end tier,
// and gives this run a file for skip reasons.
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

module.exports = async (globalConfig) => {
  const servicesDir = process.env.SWITCHBOARD_SERVICES_DIR ?? join(tmpdir(), 'switchboard-services');
  const envFile = join(servicesDir, 'services.env');
  if (existsSync(envFile)) {
    for (const line of readFileSync(envFile, 'utf8').split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2];
    }
  }
  process.env.SWITCHBOARD_SERVICES_DIR = servicesDir;
  const skipLog = join(tmpdir(), `switchboard-skips-${process.pid}.jsonl`);
  rmSync(skipLog, { force: true });
  process.env.SWITCHBOARD_SKIP_LOG = skipLog;

  const selected = globalConfig.selectProjects;
  if (!selected || selected.includes('e2e')) {
    // End-to-end tests run the compiled entry points, exactly as `npm start` does.
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(__dirname, '../..'), stdio: 'inherit' });
  }
};
