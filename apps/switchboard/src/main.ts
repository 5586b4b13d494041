import { runApp } from '@switchboard/app-runtime';
import { allRoleModules, allRoles } from './all-roles';

const usage = `Usage: switchboard <command>

Commands:
  start     run every role (api, gateway, projector, notifier) in one process;
            without DATABASE_URL it starts an embedded PostgreSQL under .data/
  help      show this text
`;

const [command = 'start'] = process.argv.slice(2);
switch (command) {
  case 'start':
    void runApp({ role: allRoles, modules: allRoleModules, defaults: { httpPort: 3000, allowsEmbeddedDatabase: true } });
    break;
  case 'help':
  case '--help':
  case '-h':
    process.stdout.write(usage);
    break;
  default:
    process.stderr.write(`switchboard: unknown command "${command}"\n${usage}`);
    process.exit(2);
}
