import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// Each fixture breaks one boundary rule on purpose; if a rule is loosened, its fixture stops failing.
const root = resolve(__dirname, '../..');

const fixtures = {
  framework: 'libs/identity/domain/lint-fixtures/imports-framework.ts',
  ioClient: 'libs/identity/domain/lint-fixtures/imports-io-client.ts',
  clock: 'libs/identity/domain/lint-fixtures/reads-clock.ts',
  applicationLayer: 'libs/identity/domain/lint-fixtures/imports-application-layer.ts',
  relative: 'libs/identity/domain/lint-fixtures/imports-other-lib-relatively.ts',
  adapter: 'libs/identity/application/lint-fixtures/wires-adapter.ts',
  channelAdapter: 'channels/telegram/lint-fixtures/wires-adapter.ts',
  roleModule: 'libs/platform/lint-fixtures/imports-role-module.ts',
  serviceDeskRepository: 'channels/telegram/lint-fixtures/loads-request-stream.ts',
  serviceDeskDecider: 'channels/telegram/lint-fixtures/decides-request.ts',
  pure: 'libs/identity/domain/lint-fixtures/pure.ts',
  consoleServerCode: 'apps/console/lint-fixtures/imports-server-code.ts',
  consoleNode: 'apps/console/lint-fixtures/imports-node.ts',
};

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string }[];
}

let errorsByFixture: Record<string, string[]>;

beforeAll(() => {
  // Without a cached Nx project graph (a fresh clone) the boundary rule silently skips itself.
  spawnSync(process.execPath, [resolve(root, 'node_modules/nx/bin/nx.js'), 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  // The real CLI, as developers and CI run it; --no-ignore because fixtures are ignored by default.
  const run = spawnSync(process.execPath, [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--no-ignore', '--format', 'json', ...Object.values(fixtures)], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
    maxBuffer: 10 * 1024 * 1024,
  });
  const results = JSON.parse(run.stdout) as LintResult[];
  errorsByFixture = Object.fromEntries(
    results.map((r) => [r.filePath.slice(root.length + 1), r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`)]),
  );
}, 120_000);

describe('module boundaries', () => {
  it.each([
    ['a domain project imports a framework', fixtures.framework, /enforce-module-boundaries.*@nestjs\/common/],
    ['a domain project imports an I/O client', fixtures.ioClient, /enforce-module-boundaries.*"pg"/],
    ['a domain project reads the clock', fixtures.clock, /no-restricted-syntax.*time arrives in the command/],
    ['a domain project imports its application layer', fixtures.applicationLayer, /enforce-module-boundaries.*type:kernel/],
    ['a library imports another one by a relative path', fixtures.relative, /enforce-module-boundaries.*relative/i],
    // Its own context's infrastructure depends on the application layer, so the rule reports the cycle.
    [
      'application code wires an infrastructure adapter',
      fixtures.adapter,
      /enforce-module-boundaries.*(tagged with "type:application" can only depend on|Circular dependency)/,
    ],
    [
      'a channel wires an infrastructure adapter instead of an app',
      fixtures.channelAdapter,
      /enforce-module-boundaries.*tagged with "type:channel" can only depend on/,
    ],
    ['a library imports an app role module', fixtures.roleModule, /no-restricted-imports.*Only apps compose role modules/],
    ['a channel reaches into the service desk’s event-sourced repository', fixtures.serviceDeskRepository, /no-restricted-imports.*The service desk is sealed/],
    ['a channel loads a request with the service desk’s decider', fixtures.serviceDeskDecider, /no-restricted-imports.*The service desk is sealed/],
    ['the console imports server code', fixtures.consoleServerCode, /enforce-module-boundaries.*tagged with "type:console" can only depend on/],
    ['the console imports a Node built-in', fixtures.consoleNode, /no-restricted-imports.*runs in the browser/],
  ])('fails when %s', (_, path, expected) => {
    const errors = errorsByFixture[path] ?? [];
    if (!errors.some((e) => expected.test(e))) throw new Error(`${path}: expected ${expected}, got:\n${errors.join('\n') || '(no errors)'}`);
  });

  it('passes pure domain code that takes the time from its caller', () => {
    expect(errorsByFixture[fixtures.pure]).toEqual([]);
  });
});
