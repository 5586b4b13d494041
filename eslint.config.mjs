// Module boundaries are lint rules (Nx tags), proven by tools/lint/module-boundaries.unit.spec.ts.
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

const frameworkAndIo = [
  '@nestjs/*',
  '@mikro-orm/*',
  'pg',
  'pg-*',
  'ioredis',
  'amqplib',
  'telegraf',
  'nodemailer',
  '@eventstore/*',
  '@clickhouse/*',
  'keycloak-connect',
  'smpp',
  'node:*',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
];

// Role modules are imported by the all-in-one entry point only; Nx otherwise forbids importing apps.
const roleEntryPoints = ['@switchboard/api', '@switchboard/gateway', '@switchboard/projector', '@switchboard/notifier'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', '**/.data/**', '**/lint-fixtures/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          banTransitiveDependencies: false,
          allow: roleEntryPoints,
          depConstraints: [
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: frameworkAndIo },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: frameworkAndIo },
            { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:lib'] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:kernel', 'type:lib'] },
            { sourceTag: 'type:projection', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:lib'] },
            { sourceTag: 'type:channel', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            // The console runs in the browser: its own modules and the generated API client only, never server code.
            {
              sourceTag: 'type:console',
              onlyDependOnLibsWithTags: ['type:console'],
              bannedExternalImports: [...frameworkAndIo.filter((name) => name !== 'node:*'), '@switchboard/*'],
            },
          ],
        },
      ],
    },
  },
  {
    // The console: React's rules of hooks; browser code reads no Node built-ins (its build scripts may).
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx', 'apps/console/lint-fixtures/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The console runs in the browser.' }] }],
    },
  },
  {
    // Only apps compose the role modules.
    files: ['libs/**/*.ts', 'projections/**/*.ts', 'channels/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: roleEntryPoints.map((name) => ({ name, message: 'Only apps compose role modules.' })) }],
    },
  },
  {
    // The service desk is sealed: others send its commands (OperatorCommands, the command bus) and
    // read its read port (ServiceDeskSnapshots) and published events, never its event-sourced
    // repository.
    // The repository itself is generic (libs/eventstore); what is sealed is the service desk's
    // deciders: with them anyone could load and change a request's stream.
    files: ['**/*.ts'],
    ignores: ['libs/service-desk/**', 'libs/eventstore/**', '**/testing/**', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@switchboard/service-desk',
              importNames: ['EventSourcedRepository', 'toDomainEvent'],
              message: 'The service desk is sealed: send a command (OperatorCommands, ExecuteRequestCommand) or read ServiceDeskSnapshots.',
            },
            {
              name: '@switchboard/service-desk/domain',
              importNames: ['requestDecider', 'incidentDecider', 'problemDecider', 'decideRequest', 'decideIncident', 'decideProblem'],
              message: 'The service desk is sealed: send a command (OperatorCommands, ExecuteRequestCommand) or read ServiceDeskSnapshots.',
            },
          ],
          patterns: [
            { group: ['**/event-sourced-repository', '**/event-sourced-repository.*'], message: 'The service desk is sealed: its repository is its own.' },
          ],
        },
      ],
    },
  },
  {
    // Deciders are pure: time and randomness arrive in the command.
    files: ['libs/*/domain/**/*.ts', 'libs/kernel/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Domain code is pure: the time arrives in the command (`now`).',
        },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code is pure: the time arrives in the command (`now`).' },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Domain code is pure: ids and randomness arrive in the command.',
        },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'Domain code is pure: ids arrive in the command.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Domain code does not read the environment.' },
        { name: 'fetch', message: 'Domain code does no I/O.' },
        { name: 'setTimeout', message: 'Domain code does not read the clock.' },
      ],
    },
  },
];
