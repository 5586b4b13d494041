import { ApiModule, apiRole } from '@switchboard/api';
import { previewOpenApiDocument, runApp } from '@switchboard/app-runtime';
import { runProjectionsCli } from '@switchboard/projector';
import { allRoleModules, allRoles } from './all-roles';
import { importReferenceCommand } from './import-reference/import-reference.command';
import { importUnitsCommand } from './import-units/import-units.command';
import { runMailingsCli } from './mailings/mailings.cli';
import { runProcessorsCli } from './processors/processors.cli';

const usage = `Usage: switchboard <command>

Commands:
  start                     run every role (api, gateway, projector, notifier) in one process;
                            without DATABASE_URL it starts an embedded PostgreSQL under .data/
  import reference <file>   import services and work groups from a JSON or CSV file (see
                            deploy/reference/README.md) into DATABASE_URL, or without it into the
                            embedded PostgreSQL; exit code 0 when every row was imported, 1 when
                            some were rejected (the others are imported), 2 for an unusable file
  import units <file>       import estate units (site, building, entrance, floor, number, type,
                            area, rooms, residents) from an accounting system's CSV or JSON export
                            (see deploy/estate/README.md); same exit codes; a re-import changes nothing
  processors status         every processor (projections, process managers, outbox, publisher):
                            state, who runs it, checkpoint, lag, parked events (--json for JSON)
  processors parked [<processor>]
                            parked events, with the error that parked them
  processors retry <processor> <event-id>|--all
                            apply parked events again, once each, and say how it went
  processors skip <processor> <event-id>|--all --reason "..."
                            close parked events without processing them
  projections status        each read-model projection's version, checkpoint and lag (--json for JSON)
  projections rebuild <name>
                            rebuild a projection into shadow tables and swap them in while
                            queries keep answering (progress on stderr; --resume continues)
  mailings progress <id>    a mailing's progress bar until it completes or is cancelled
  openapi [--role api]      print the OpenAPI document the api role serves at /docs/openapi.json,
                            built without a database (the console's API client is generated from it)
  help                      show this text
`;

const [command = 'start', ...rest] = process.argv.slice(2);
switch (command) {
  case 'start':
    void runApp({ role: allRoles, modules: allRoleModules, defaults: { httpPort: 3000, allowsEmbeddedDatabase: true } });
    break;
  case 'import':
    if ((rest[0] !== 'reference' && rest[0] !== 'units') || rest.length > 2) {
      process.stderr.write(`switchboard: unknown import "${rest.join(' ')}"\n${usage}`);
      process.exit(2);
    }
    void (rest[0] === 'units' ? importUnitsCommand(rest[1], process.env) : importReferenceCommand(rest[1], process.env)).then((code) => process.exit(code));
    break;
  case 'processors':
    void runProcessorsCli(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => process.exit(code));
    break;
  case 'projections': {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    void runProjectionsCli(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal }).then((code) => process.exit(code));
    break;
  }
  case 'mailings': {
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    void runMailingsCli(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal }).then((code) => process.exit(code));
    break;
  }
  case 'openapi':
    void previewOpenApiDocument({ role: apiRole, modules: [ApiModule], defaults: { httpPort: 3000, allowsEmbeddedDatabase: false } }).then(
      (document) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`),
      (error: unknown) => {
        process.stderr.write(`switchboard openapi: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
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
