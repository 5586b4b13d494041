// One config, three tiers; the file name says the tier (see STYLE.md).
const { existsSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace(/[/\-]/g, (c) => `\\${c}`)}$`, `<rootDir>/${target}`]),
);

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const common = {
  rootDir: __dirname,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  roots: ['apps', 'libs', 'projections', 'channels', 'tools', 'test'].filter((d) => existsSync(`${__dirname}/${d}`)).map((d) => `<rootDir>/${d}`),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lint-fixtures/'],
  setupFiles: ['reflect-metadata'],
};

// The console's component tests: TSX with React's automatic runtime, in jsdom (see apps/console/test/).
const consoleProject = {
  rootDir: __dirname,
  displayName: 'console',
  roots: ['<rootDir>/apps/console'],
  testMatch: ['**/*.unit.spec.ts', '**/*.unit.spec.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lint-fixtures/'],
  testEnvironment: '<rootDir>/apps/console/test/jsdom-environment.js',
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: { '\\.css$': '<rootDir>/apps/console/test/style-stub.js' },
  setupFilesAfterEnv: ['<rootDir>/apps/console/test/setup.ts'],
};

module.exports = {
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/tools/jest/skip-reasons.reporter.js'],
  globalSetup: '<rootDir>/tools/jest/global-setup.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'], testPathIgnorePatterns: [...common.testPathIgnorePatterns, '/apps/console/'] },
    consoleProject,
    { ...common, displayName: 'integration', testMatch: ['**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'] },
  ],
};
