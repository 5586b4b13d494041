import { ConfigError } from './config-error';

/**
 * Every environment variable Switchboard reads, in one table: validation, defaults and the README's
 * configuration section all come from here (a test keeps the README in step).
 */
export interface ConfigVariable<T> {
  readonly name: string;
  readonly description: string;
  /** Shown in the README; `undefined` means "unset" (the feature stays off or another default applies). */
  readonly defaultText: string;
  parse(raw: string | undefined): T;
}

type Parser<T> = (raw: string, name: string) => T;

function variable<T>(name: string, description: string, defaultValue: T, defaultText: string, parse: Parser<T>): ConfigVariable<T> {
  return {
    name,
    description,
    defaultText,
    parse: (raw) => (raw === undefined || raw === '' ? defaultValue : parse(raw, name)),
  };
}

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw, name) => {
    if ((values as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigError(name, `one of ${values.join(', ')}`, raw);
  };

const port: Parser<number> = (raw, name) => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new ConfigError(name, 'a TCP port number between 1 and 65535', raw);
  return n;
};

const bool: Parser<boolean> = (raw, name) => {
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, 'true or false', raw);
};

const text: Parser<string> = (raw) => raw;

const positiveInt: Parser<number> = (raw, name) => {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ConfigError(name, 'a positive whole number', raw);
  return Number(raw);
};

const url =
  (protocols: readonly string[], example: string): Parser<string> =>
  (raw, name) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, `a URL like ${example}`, redact(raw));
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(name, `a URL like ${example} (scheme ${protocols.join(' or ')})`, redact(raw));
    }
    return raw.replace(/\/+$/, '');
  };

/** Never echo a password from a URL into a log line. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

const optional = <T>(p: Parser<T>): Parser<T | undefined> => p;

export const configVariables = {
  nodeEnv: variable('NODE_ENV', 'Runtime mode; `production` refuses the development identity provider.', 'development', 'development', oneOf(['development', 'test', 'production'] as const)),
  httpHost: variable('HTTP_HOST', 'Interface the HTTP server listens on.', '127.0.0.1', '127.0.0.1', text),
  httpPort: variable<number | undefined>('HTTP_PORT', 'HTTP port. Defaults per app: switchboard/api 3000, gateway 3010, projector 3020, notifier 3030.', undefined, 'per app', optional(port)),
  publicUrl: variable<string | undefined>('PUBLIC_URL', 'Base URL operators and links use to reach this app.', undefined, 'http://localhost:<HTTP_PORT>', optional(url(['http', 'https'], 'https://switchboard.example.com'))),
  databaseUrl: variable<string | undefined>('DATABASE_URL', 'PostgreSQL for read models, reference data and (without ESDB_URL) events. Unset: `switchboard start` runs an embedded PostgreSQL; the single-role apps require it.', undefined, 'unset (embedded)', optional(url(['postgres', 'postgresql'], 'postgres://user:pass@host:5432/switchboard'))),
  embeddedPgDir: variable('EMBEDDED_PG_DIR', 'Data directory of the embedded PostgreSQL.', '.data/postgres', '.data/postgres', text),
  embeddedPgPort: variable('EMBEDDED_PG_PORT', 'Port of the embedded PostgreSQL (127.0.0.1 only).', 54329, '54329', port),
  esdbUrl: variable<string | undefined>('ESDB_URL', 'EventStoreDB/KurrentDB connection string; unset keeps events in PostgreSQL.', undefined, 'unset (PostgreSQL event store)', optional(url(['esdb', 'esdb+discover', 'kurrentdb', 'kdb'], 'esdb://localhost:2113?tls=false'))),
  redisUrl: variable<string | undefined>('REDIS_URL', 'Redis for caches (legacy search hits, user directory); unset disables them.', undefined, 'unset (off)', optional(url(['redis', 'rediss'], 'redis://127.0.0.1:6379'))),
  amqpUrl: variable<string | undefined>('AMQP_URL', 'RabbitMQ for the ESB channel; unset disables it.', undefined, 'unset (off)', optional(url(['amqp', 'amqps'], 'amqp://guest:guest@127.0.0.1:5672'))),
  clickhouseUrl: variable<string | undefined>('CLICKHOUSE_URL', 'ClickHouse HTTP endpoint for analytics; unset disables the analytics projections.', undefined, 'unset (off)', optional(url(['http', 'https'], 'http://127.0.0.1:8123'))),
  smtpUrl: variable<string | undefined>('SMTP_URL', 'SMTP server for email notifications; unset logs emails instead of sending them.', undefined, 'unset (log only)', optional(url(['smtp', 'smtps'], 'smtp://user:pass@mail.example.com:587'))),
  keycloakUrl: variable<string | undefined>('KEYCLOAK_URL', 'Keycloak base URL; unset starts the development identity provider (never in production).', undefined, 'unset (dev IdP)', optional(url(['http', 'https'], 'https://sso.example.com'))),
  keycloakRealm: variable('KEYCLOAK_REALM', 'Keycloak realm of operators and service accounts.', 'switchboard', 'switchboard', text),
  keycloakClientId: variable('KEYCLOAK_CLIENT_ID', 'Client the API verifies bearer tokens as.', 'switchboard-api', 'switchboard-api', text),
  keycloakClientSecret: variable<string | undefined>('KEYCLOAK_CLIENT_SECRET', 'Secret of KEYCLOAK_CLIENT_ID (confidential client).', undefined, 'unset', optional(text)),
  keycloakDirectoryClientId: variable('KEYCLOAK_DIRECTORY_CLIENT_ID', 'Service-account client the user directory reads users and groups with (admin REST API).', 'switchboard-directory', 'switchboard-directory', text),
  keycloakDirectoryClientSecret: variable<string | undefined>('KEYCLOAK_DIRECTORY_CLIENT_SECRET', 'Secret of KEYCLOAK_DIRECTORY_CLIENT_ID; unset with KEYCLOAK_URL set means the directory uses the realm file.', undefined, 'unset', optional(text)),
  userDirectoryTtlSeconds: variable('USER_DIRECTORY_TTL_SECONDS', 'How long user-directory answers are cached.', 60, '60', positiveInt),
  legacyDatabaseUrl: variable<string | undefined>('LEGACY_DATABASE_URL', 'The replicated LegacyDB (PostgreSQL) clients and orders are pulled from lazily; unset turns the lazy migration off.', undefined, 'unset (off)', optional(url(['postgres', 'postgresql'], 'postgres://reader@legacy-replica:5432/legacy'))),
  legacyTimeoutMs: variable('LEGACY_TIMEOUT_MS', 'Time limit of every LegacyDB call; a search that hits it answers with our results only, marked partial.', 800, '800', positiveInt),
  legacyCacheTtlSeconds: variable('LEGACY_CACHE_TTL_SECONDS', 'How long legacy-only search hits stay cached in Redis.', 300, '300', positiveInt),
  legacySearchLimit: variable('LEGACY_SEARCH_LIMIT', 'Most LegacyDB hits one name search reads; more makes the answer partial.', 1000, '1000', positiveInt),
  logLevel: variable('LOG_LEVEL', 'Least severe log level written.', 'info', 'info', oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const)),
  logFormat: variable<'pretty' | 'json' | undefined>('LOG_FORMAT', 'Log format; JSON lines in production.', undefined, 'pretty, json when NODE_ENV=production', optional(oneOf(['pretty', 'json'] as const))),
  demoData: variable<boolean | undefined>('DEMO_DATA', 'Load demo reference data, clients and orders at start.', undefined, 'true with the embedded PostgreSQL, else false', optional(bool)),
} as const;

export type ConfigVariables = typeof configVariables;
