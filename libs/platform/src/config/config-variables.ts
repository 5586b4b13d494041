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
  /** What a value must be, in the README's words (every parser says it). */
  readonly rule: string;
  parse(raw: string | undefined): T;
}

/** Reads one variable's value, and says in words what it accepts. */
type Parser<T> = ((raw: string, name: string) => T) & { readonly rule: string };

const ruled = <T>(rule: string, parse: (raw: string, name: string) => T): Parser<T> => Object.assign(parse, { rule });

function variable<T>(name: string, description: string, defaultValue: T, defaultText: string, parse: Parser<T>): ConfigVariable<T> {
  return {
    name,
    description,
    defaultText,
    rule: parse.rule,
    parse: (raw) => (raw === undefined || raw === '' ? defaultValue : parse(raw, name)),
  };
}

const oneOf = <T extends string>(values: readonly T[]): Parser<T> =>
  ruled(`one of ${values.join(', ')}`, (raw, name) => {
    if ((values as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigError(name, `one of ${values.join(', ')}`, raw);
  });

const port: Parser<number> = ruled('a TCP port, 1 to 65535', (raw, name) => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw new ConfigError(name, 'a TCP port number between 1 and 65535', raw);
  return n;
});

const bool: Parser<boolean> = ruled('true or false (1/0, yes/no)', (raw, name) => {
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, 'true or false', raw);
});

const text: Parser<string> = ruled('any text', (raw) => raw);

const positiveInt: Parser<number> = ruled('a whole number of at least 1', (raw, name) => {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ConfigError(name, 'a positive whole number', raw);
  return Number(raw);
});

const wholeSecondsUpTo = (max: number): Parser<number> =>
  ruled(`a whole number of seconds from 0 to ${max}`, (raw, name) => {
    if (!/^\d+$/.test(raw) || Number(raw) > max) throw new ConfigError(name, `a whole number of seconds from 0 to ${max}`, raw);
    return Number(raw);
  });

const wholeDaysUpTo = (max: number): Parser<number> =>
  ruled(`a whole number of days from 0 to ${max}`, (raw, name) => {
    if (!/^\d+$/.test(raw) || Number(raw) > max) throw new ConfigError(name, `a whole number of days from 0 to ${max}`, raw);
    return Number(raw);
  });

const shareOfOne: Parser<number> = ruled('a number greater than 0 and less than 1', (raw, name) => {
  const n = Number(raw);
  if (!/^0?\.\d+$/.test(raw) || !(n > 0 && n < 1)) throw new ConfigError(name, 'a number greater than 0 and less than 1, e.g. 0.8', raw);
  return n;
});
const wholeMinutesUpTo = (max: number): Parser<number> =>
  ruled(`a whole number of minutes from 0 to ${max}`, (raw, name) => {
    if (!/^\d+$/.test(raw) || Number(raw) > max) throw new ConfigError(name, `a whole number of minutes from 0 to ${max}`, raw);
    return Number(raw);
  });

const url = (protocols: readonly string[], example: string): Parser<string> =>
  ruled(`a ${protocols.map((p) => `${p}://`).join(' or ')} URL`, (raw, name) => {
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
  });

/** Never echo a password from a URL into a log line. */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

const optional = <T>(p: Parser<T>): Parser<T | undefined> => p;

/** Browser origins (scheme, host, port; no path), comma-separated. */
const origins: Parser<string[]> = ruled('http:// or https:// origins (no path), comma-separated', (raw, name) =>
  raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError(name, 'origins like https://console.example.com (scheme, host and port only), comma-separated', raw);
      }
      return parsed.origin;
    }),
);

/** Queue and exchange names: what RabbitMQ accepts, without surprises in a shell. */
const amqpName: Parser<string> = ruled('1 to 200 of A-Z a-z 0-9 . _ : -', (raw, name) => {
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(raw)) throw new ConfigError(name, 'a queue or exchange name of letters, digits and . _ : - (at most 200)', raw);
  return raw;
});

const secretOfAtLeast16: Parser<string> = ruled('a secret of at least 16 characters', (raw, name) => {
  if (raw.length < 16) throw new ConfigError(name, 'a secret of at least 16 characters', '***');
  return raw;
});

const smppUrl: Parser<string> = ruled('an smpp:// or ssmpp:// URL with a system_id', (raw, name) => {
  const example = 'smpp://system_id:password@smsc.example.com:2775';
  const checked = url(['smpp', 'ssmpp'], example)(raw, name);
  const parsed = new URL(checked);
  if (!parsed.username || !parsed.hostname) throw new ConfigError(name, `a URL like ${example} (with a system_id)`, redact(raw));
  return checked;
});

const smppSourceAddr: Parser<string> = ruled('a +E.164 number, a short code (3 to 15 digits) or 1 to 11 of A-Z a-z 0-9 space . _ -', (raw, name) => {
  if (/^\+?\d{3,15}$/.test(raw) || /^[A-Za-z0-9 ._-]{1,11}$/.test(raw)) return raw;
  throw new ConfigError(name, 'a +E.164 number, a short code or an alphanumeric sender of at most 11 characters', raw);
});

/** A secret must never be echoed into a log line, even when it is malformed. */
const secretMatching = (pattern: RegExp, expected: string): Parser<string> =>
  ruled(expected, (raw, name) => {
    if (!pattern.test(raw)) throw new ConfigError(name, expected, '***');
    return raw;
  });

const amiUrl: Parser<string> = ruled('an ami:// URL with user and secret', (raw, name) => {
  const checked = url(['ami'], 'ami://user:secret@pbx.example.com:5038')(raw, name);
  const parsed = new URL(checked);
  if (!parsed.username || !parsed.password || !parsed.hostname)
    throw new ConfigError(name, 'a URL like ami://user:secret@pbx.example.com:5038 (with user and secret)', redact(raw));
  return checked;
});

export const configVariables = {
  nodeEnv: variable(
    'NODE_ENV',
    'Runtime mode; `production` refuses the development identity provider.',
    'development',
    'development',
    oneOf(['development', 'test', 'production'] as const),
  ),
  httpHost: variable('HTTP_HOST', 'Interface the HTTP server listens on.', '127.0.0.1', '127.0.0.1', text),
  httpPort: variable<number | undefined>(
    'HTTP_PORT',
    'HTTP port. Defaults per app: switchboard/api 3000, gateway 3010, projector 3020, notifier 3030.',
    undefined,
    'per app',
    optional(port),
  ),
  consoleOrigin: variable<string[]>(
    'CONSOLE_ORIGIN',
    'Origins of the operator console allowed to call the API from a browser (CORS, preflight included), comma-separated; unset allows no other origin.',
    [],
    'unset (no cross-origin calls)',
    origins,
  ),
  publicUrl: variable<string | undefined>(
    'PUBLIC_URL',
    'Base URL operators and links use to reach this app.',
    undefined,
    'http://localhost:<HTTP_PORT>',
    optional(url(['http', 'https'], 'https://switchboard.example.com')),
  ),
  consoleClientId: variable(
    'CONSOLE_CLIENT_ID',
    'OpenID Connect client the operator console signs in with (public client, authorization code + PKCE); the console reads it from /console/config.json.',
    'switchboard-console',
    'switchboard-console',
    text,
  ),
  grafanaUrl: variable<string | undefined>(
    'GRAFANA_URL',
    'Grafana the console links managers to (dashboards); unset hides the links.',
    undefined,
    'unset (no links)',
    optional(url(['http', 'https'], 'https://grafana.example.com')),
  ),
  databaseUrl: variable<string | undefined>(
    'DATABASE_URL',
    'PostgreSQL for read models, reference data and (without ESDB_URL) events. Unset: `switchboard start` runs an embedded PostgreSQL; the single-role apps require it.',
    undefined,
    'unset (embedded)',
    optional(url(['postgres', 'postgresql'], 'postgres://user:pass@host:5432/switchboard')),
  ),
  databasePoolSize: variable(
    'DATABASE_POOL_SIZE',
    'Connections each app keeps to PostgreSQL (intake holds one per contact being stored, at most half of them).',
    20,
    '20',
    positiveInt,
  ),
  embeddedPgDir: variable('EMBEDDED_PG_DIR', 'Data directory of the embedded PostgreSQL.', '.data/postgres', '.data/postgres', text),
  embeddedPgPort: variable('EMBEDDED_PG_PORT', 'Port of the embedded PostgreSQL (127.0.0.1 only).', 54329, '54329', port),
  esdbUrl: variable<string | undefined>(
    'ESDB_URL',
    'EventStoreDB/KurrentDB connection string; unset keeps events in PostgreSQL.',
    undefined,
    'unset (PostgreSQL event store)',
    optional(url(['esdb', 'esdb+discover', 'kurrentdb', 'kdb'], 'esdb://localhost:2113?tls=false')),
  ),
  redisUrl: variable<string | undefined>(
    'REDIS_URL',
    'Redis for caches (legacy search hits, user directory); unset disables them.',
    undefined,
    'unset (off)',
    optional(url(['redis', 'rediss'], 'redis://127.0.0.1:6379')),
  ),
  amqpUrl: variable<string | undefined>(
    'AMQP_URL',
    'RabbitMQ for the ESB channel; unset disables it.',
    undefined,
    'unset (off)',
    optional(url(['amqp', 'amqps'], 'amqp://guest:guest@127.0.0.1:5672')),
  ),
  esbIntakeQueue: variable(
    'ESB_INTAKE_QUEUE',
    'Quorum queue the ESB consumer takes contacts from (manual acks); declared with ESB_DELIVERY_LIMIT and ESB_DEAD_LETTER_EXCHANGE.',
    'switchboard.intake',
    'switchboard.intake',
    amqpName,
  ),
  esbDeadLetterExchange: variable(
    'ESB_DEAD_LETTER_EXCHANGE',
    'Fanout exchange invalid ESB messages go to, with the reason in the x-switchboard-error header; bound to the queue <ESB_INTAKE_QUEUE>.dead.',
    'switchboard.intake.dlx',
    'switchboard.intake.dlx',
    amqpName,
  ),
  esbEventsExchange: variable(
    'ESB_EVENTS_EXCHANGE',
    'Topic exchange integration events are published to (request.registered, request.escalated, request.closed, request.reopened, incident.<state>, problem.opened, problem.resolved, problem.closed).',
    'switchboard.events',
    'switchboard.events',
    amqpName,
  ),
  esbPrefetch: variable('ESB_PREFETCH', 'ESB messages one consumer holds unacknowledged at a time.', 64, '64', positiveInt),
  esbDeliveryLimit: variable(
    'ESB_DELIVERY_LIMIT',
    'Deliveries of one ESB message before RabbitMQ dead-letters it (x-delivery-limit of the quorum queue).',
    5,
    '5',
    positiveInt,
  ),
  esbSigningSecret: variable<string | undefined>(
    'ESB_SIGNING_SECRET',
    'HMAC-SHA256 key ESB publishers sign message bodies with (header x-switchboard-signature: sha256=<hex>); unset accepts unsigned messages (the broker authenticates publishers).',
    undefined,
    'unset (unsigned accepted)',
    optional(secretOfAtLeast16),
  ),
  smppUrl: variable<string | undefined>(
    'SMPP_URL',
    'SMSC the gateway binds to as a transceiver (SMS in and out, delivery receipts); ssmpp:// for TLS; unset turns SMPP off.',
    undefined,
    'unset (off)',
    optional(smppUrl),
  ),
  smppSourceAddr: variable<string | undefined>(
    'SMPP_SOURCE_ADDR',
    'Sender of outgoing SMS: +E.164 number, short code or alphanumeric name (up to 11 characters).',
    undefined,
    'unset (SMSC default)',
    optional(smppSourceAddr),
  ),
  smppEnquireLinkSeconds: variable(
    'SMPP_ENQUIRE_LINK_SECONDS',
    'Interval of enquire_link keep-alives; a link that does not answer within it is dropped and rebound with backoff.',
    30,
    '30',
    positiveInt,
  ),
  smppResendWindowSeconds: variable(
    'SMPP_RESEND_WINDOW_SECONDS',
    'How long the same text from the same number counts as the SMSC resending one SMS (it carries no message id of its own).',
    3600,
    '3600',
    positiveInt,
  ),
  clickhouseUrl: variable<string | undefined>(
    'CLICKHOUSE_URL',
    'ClickHouse HTTP endpoint for analytics; unset disables the analytics projections.',
    undefined,
    'unset (off)',
    optional(url(['http', 'https'], 'http://127.0.0.1:8123')),
  ),
  smtpUrl: variable<string | undefined>(
    'SMTP_URL',
    'SMTP server for email notifications; unset logs emails instead of sending them.',
    undefined,
    'unset (log only)',
    optional(url(['smtp', 'smtps'], 'smtp://user:pass@mail.example.com:587')),
  ),
  surveyTokenSecret: variable<string | undefined>(
    'SURVEY_TOKEN_SECRET',
    'HMAC secret of the links to the public survey page in survey emails; every role that sends surveys or serves the page needs the same one. Unset: a random secret per process (links work only in `switchboard start` until it restarts).',
    undefined,
    'unset (random per process)',
    optional(secretOfAtLeast16),
  ),
  surveyLinkDays: variable('SURVEY_LINK_DAYS', 'Days a survey email’s link to the public survey page stays valid.', 14, '14', positiveInt),
  vapidPublicKey: variable<string | undefined>(
    'VAPID_PUBLIC_KEY',
    'Web Push application server key (VAPID, RFC 8292) browsers subscribe with: the P-256 public key, base64url (`npx web-push generate-vapid-keys`); push communications are on when the three VAPID_* are set.',
    undefined,
    'unset (push off)',
    optional(
      ruled('87 base64url characters (an uncompressed P-256 point)', (raw, name) => {
        if (!/^[A-Za-z0-9_-]{87}$/.test(raw) || Buffer.from(raw, 'base64url')[0] !== 0x04)
          throw new ConfigError(name, '87 base64url characters (an uncompressed P-256 point)', raw);
        return raw;
      }),
    ),
  ),
  vapidPrivateKey: variable<string | undefined>(
    'VAPID_PRIVATE_KEY',
    'The private half of VAPID_PUBLIC_KEY (base64url) that signs every Web Push request.',
    undefined,
    'unset (push off)',
    optional(secretMatching(/^[A-Za-z0-9_-]{43}$/, '43 base64url characters (a P-256 private key)')),
  ),
  vapidSubject: variable<string | undefined>(
    'VAPID_SUBJECT',
    'Contact the push services may reach the operator at about Web Push traffic (VAPID `sub`).',
    undefined,
    'unset (push off)',
    optional(
      ruled('a mailto: address or an https:// URL', (raw, name) => {
        if (/^mailto:[^\s@]+@[^\s@]+$/.test(raw) || /^https:\/\/[^\s]+$/.test(raw)) return raw;
        throw new ConfigError(name, 'a mailto: address or an https:// URL', raw);
      }),
    ),
  ),
  keycloakUrl: variable<string | undefined>(
    'KEYCLOAK_URL',
    'Keycloak base URL; unset starts the development identity provider (never in production).',
    undefined,
    'unset (dev IdP)',
    optional(url(['http', 'https'], 'https://sso.example.com')),
  ),
  keycloakRealm: variable('KEYCLOAK_REALM', 'Keycloak realm of operators and service accounts.', 'switchboard', 'switchboard', text),
  keycloakClientId: variable('KEYCLOAK_CLIENT_ID', 'Client the API verifies bearer tokens as.', 'switchboard-api', 'switchboard-api', text),
  keycloakClientSecret: variable<string | undefined>(
    'KEYCLOAK_CLIENT_SECRET',
    'Secret of KEYCLOAK_CLIENT_ID (confidential client).',
    undefined,
    'unset',
    optional(text),
  ),
  keycloakDirectoryClientId: variable(
    'KEYCLOAK_DIRECTORY_CLIENT_ID',
    'Service-account client the user directory reads users and groups with (admin REST API).',
    'switchboard-directory',
    'switchboard-directory',
    text,
  ),
  keycloakDirectoryClientSecret: variable<string | undefined>(
    'KEYCLOAK_DIRECTORY_CLIENT_SECRET',
    'Secret of KEYCLOAK_DIRECTORY_CLIENT_ID; unset with KEYCLOAK_URL set means the directory uses the realm file.',
    undefined,
    'unset',
    optional(text),
  ),
  userDirectoryTtlSeconds: variable('USER_DIRECTORY_TTL_SECONDS', 'How long user-directory answers are cached.', 60, '60', positiveInt),
  intakeDepartment: variable(
    'INTAKE_DEPARTMENT',
    'Help-desk department (Keycloak group under /departments) that requests registered from channels belong to, so its managers see and assign them.',
    'first-line-north',
    'first-line-north',
    text,
  ),
  reopenWindowDays: variable(
    'REOPEN_WINDOW_DAYS',
    'A client message on a request closed less than this many days ago reopens it; later, it opens a new request linked to the old one. 0 never reopens.',
    7,
    '7',
    wholeDaysUpTo(365),
  ),
  routingRulesRefreshSeconds: variable(
    'ROUTING_RULES_REFRESH_SECONDS',
    'How long intake uses the routing rules it read before reading them again: a change made in another process applies within this time, one made through the same process at once.',
    5,
    '5',
    positiveInt,
  ),
  slaWarningShare: variable(
    'SLA_WARNING_SHARE',
    'Share of an SLA target’s business time after which its warning is raised (SlaWarning); the breach comes at the whole target.',
    0.8,
    '0.8',
    shareOfOne,
  ),
  slaTimerPollMs: variable(
    'SLA_TIMER_POLL_MS',
    'How often the SLA scheduler looks for due timers (warnings and breaches) in PostgreSQL.',
    1000,
    '1000',
    positiveInt,
  ),
  problemThresholdIncidents: variable(
    'PROBLEM_THRESHOLD_INCIDENTS',
    'Incidents of one service opened within PROBLEM_WINDOW_MINUTES that open a problem (mass incident) automatically; a manager may set another per service (PUT /problem-thresholds/{serviceCode}).',
    10,
    '10',
    positiveInt,
  ),
  problemWindowMinutes: variable(
    'PROBLEM_WINDOW_MINUTES',
    'The window in which PROBLEM_THRESHOLD_INCIDENTS incidents of one service open a problem automatically.',
    15,
    '15',
    positiveInt,
  ),
  presenceIdleMinutes: variable(
    'PRESENCE_IDLE_MINUTES',
    'An available operator whose console reported no activity for this many minutes counts as away (and is set away); automatic assignment passes them by. 0 never turns anyone away.',
    15,
    '15',
    wholeMinutesUpTo(1440),
  ),
  legacyDatabaseUrl: variable<string | undefined>(
    'LEGACY_DATABASE_URL',
    'The replicated LegacyDB (PostgreSQL) clients and orders are pulled from lazily; unset turns the lazy migration off.',
    undefined,
    'unset (off)',
    optional(url(['postgres', 'postgresql'], 'postgres://reader@legacy-replica:5432/legacy')),
  ),
  legacyTimeoutMs: variable(
    'LEGACY_TIMEOUT_MS',
    'Time limit of every LegacyDB call; a search that hits it answers with our results only, marked partial.',
    800,
    '800',
    positiveInt,
  ),
  legacyCacheTtlSeconds: variable('LEGACY_CACHE_TTL_SECONDS', 'How long legacy-only search hits stay cached in Redis.', 300, '300', positiveInt),
  legacySearchLimit: variable('LEGACY_SEARCH_LIMIT', 'Most LegacyDB hits one name search reads; more makes the answer partial.', 1000, '1000', positiveInt),
  telegramBotToken: variable<string | undefined>(
    'TELEGRAM_BOT_TOKEN',
    'Telegram bot token (from @BotFather) replies and notifications are sent with; unset turns Telegram sending off.',
    undefined,
    'unset (off)',
    optional(secretMatching(/^\d+:[A-Za-z0-9_-]{20,}$/, 'a Telegram bot token: digits, a colon, at least 20 of A-Z a-z 0-9 _ -')),
  ),
  telegramWebhookSecret: variable<string | undefined>(
    'TELEGRAM_WEBHOOK_SECRET',
    'Secret token Telegram sends in X-Telegram-Bot-Api-Secret-Token (setWebhook secret_token); unset makes the webhook refuse every update.',
    undefined,
    'unset (webhook off)',
    optional(secretMatching(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters A-Z, a-z, 0-9, _ and -')),
  ),
  telegramApiRoot: variable(
    'TELEGRAM_API_ROOT',
    'Bot API base URL (a local Bot API server, or a test double).',
    'https://api.telegram.org',
    'https://api.telegram.org',
    url(['http', 'https'], 'https://api.telegram.org'),
  ),
  smsWebhookSecret: variable<string | undefined>(
    'SMS_WEBHOOK_SECRET',
    'HMAC-SHA256 key of the SMS HTTP gateway webhook (X-Signature: sha256=<hex>); unset makes the webhook refuse every message.',
    undefined,
    'unset (webhook off)',
    optional(secretOfAtLeast16),
  ),
  phoneWebhookSecret: variable<string | undefined>(
    'PHONE_WEBHOOK_SECRET',
    'HMAC-SHA256 key of the PBX call-event webhook (X-Signature: sha256=<hex>); unset makes the webhook refuse every event.',
    undefined,
    'unset (webhook off)',
    optional(secretOfAtLeast16),
  ),
  amiUrl: variable<string | undefined>(
    'AMI_URL',
    'Asterisk Manager Interface of the PBX (call events for screen-pops and missed calls); unset turns it off.',
    undefined,
    'unset (off)',
    optional(amiUrl),
  ),
  phoneMissedCallGraceSeconds: variable(
    'PHONE_MISSED_CALL_GRACE_SECONDS',
    'How long after the hangup of an unanswered call the gateway waits for a late "answered" event (PBX webhooks and AMI may deliver out of order) before the call becomes a "Missed call" request; 0 to 3600.',
    10,
    '10',
    wholeSecondsUpTo(3600),
  ),
  outboxMaxAttempts: variable('OUTBOX_MAX_ATTEMPTS', 'Attempts to send one reply or notification before it is recorded as failed.', 8, '8', positiveInt),
  outboxRetryBaseMs: variable('OUTBOX_RETRY_BASE_MS', 'First retry delay of an outbound send; doubles per attempt, with jitter.', 1000, '1000', positiveInt),
  outboxRetryMaxMs: variable('OUTBOX_RETRY_MAX_MS', 'Longest delay between two attempts of an outbound send.', 300000, '300000', positiveInt),
  logLevel: variable('LOG_LEVEL', 'Least severe log level written.', 'info', 'info', oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const)),
  logFormat: variable<'pretty' | 'json' | undefined>(
    'LOG_FORMAT',
    'Log format; JSON lines in production.',
    undefined,
    'pretty, json when NODE_ENV=production',
    optional(oneOf(['pretty', 'json'] as const)),
  ),
  webhooksAllowPrivateNetworks: variable(
    'WEBHOOKS_ALLOW_PRIVATE_NETWORKS',
    "Let the public API's status webhooks reach loopback, private, link-local and reserved addresses (receivers on the installation's own network); off, such URLs are refused at subscription and at every delivery.",
    false,
    'false',
    bool,
  ),
  fileStorageDir: variable(
    'FILE_STORAGE_DIR',
    "Directory of the local file storage (residents' photos and documents); used unless FILE_STORAGE_S3_URL is set.",
    '.data/files',
    '.data/files',
    text,
  ),
  fileStorageS3Url: variable<string | undefined>(
    'FILE_STORAGE_S3_URL',
    'An S3-compatible bucket, path style (https://s3.example.com/bucket); set, files are stored there instead of FILE_STORAGE_DIR.',
    undefined,
    'unset (local directory)',
    optional(url(['http', 'https'], 'https://s3.example.com/switchboard-files')),
  ),
  fileStorageS3Region: variable('FILE_STORAGE_S3_REGION', 'Region the S3 requests are signed for (SigV4).', 'us-east-1', 'us-east-1', text),
  fileStorageS3AccessKeyId: variable<string | undefined>(
    'FILE_STORAGE_S3_ACCESS_KEY_ID',
    'Access key id of the S3 bucket.',
    undefined,
    'unset',
    optional(text),
  ),
  fileStorageS3SecretAccessKey: variable<string | undefined>(
    'FILE_STORAGE_S3_SECRET_ACCESS_KEY',
    'Secret access key of the S3 bucket.',
    undefined,
    'unset',
    optional(secretOfAtLeast16),
  ),
  portalInvitationSecret: variable<string | undefined>(
    'PORTAL_INVITATION_SECRET',
    "Signs the residents' portal invitation tokens; unset, a secret generated once and kept in the database is used.",
    undefined,
    'unset (generated, in the database)',
    optional(secretOfAtLeast16),
  ),
  portalUrl: variable<string | undefined>(
    'PORTAL_URL',
    "The residents' portal as residents open it; invitation links point under it (<PORTAL_URL>/invite/<token>).",
    undefined,
    '<PUBLIC_URL>/console/portal',
    optional(url(['http', 'https'], 'https://switchboard.example.com/console/portal')),
  ),
  demoData: variable<boolean | undefined>(
    'DEMO_DATA',
    'Load demo reference data, clients and orders at start.',
    undefined,
    'true with the embedded PostgreSQL, else false',
    optional(bool),
  ),
  demoEstate: variable<boolean | undefined>(
    'DEMO_ESTATE',
    "With the demo data, also load the demo estate: sites River Park and Old Town, their units, and the demo clients' residencies (the portal's residents). Off when you create or import sites of those names yourself.",
    undefined,
    'DEMO_DATA',
    optional(bool),
  ),
} as const;

export type ConfigVariables = typeof configVariables;
