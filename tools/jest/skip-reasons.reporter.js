// Prints every skipped suite with its reason after the summary, so a skip is never silent.
const { existsSync, readFileSync } = require('node:fs');

class SkipReasonsReporter {
  onRunComplete() {
    const file = process.env.SWITCHBOARD_SKIP_LOG;
    if (!file || !existsSync(file)) return;
    const seen = new Set();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const entries = lines.map((l) => JSON.parse(l)).filter((e) => !seen.has(e.suite) && seen.add(e.suite));
    if (entries.length === 0) return;
    const bar = '!'.repeat(78);
    process.stderr.write(`\n${bar}\n SKIPPED SUITES (${entries.length}) — these did not run:\n`);
    for (const e of entries) process.stderr.write(`  - ${e.suite}: ${e.reason}\n`);
    process.stderr.write(`${bar}\n`);
  }
}
module.exports = SkipReasonsReporter;
