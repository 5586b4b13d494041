import { ConfigError } from './config-error';
import { configVariables as v } from './config-variables';
import type { SwitchboardConfig } from './switchboard-config';

export interface AppConfigDefaults {
  /** HTTP port when HTTP_PORT is unset. */
  readonly httpPort: number;
  /** Only the all-in-one entry point may run without DATABASE_URL (it starts an embedded PostgreSQL). */
  readonly allowsEmbeddedDatabase: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env, defaults: AppConfigDefaults): SwitchboardConfig {
  const nodeEnv = v.nodeEnv.parse(env.NODE_ENV);
  const host = v.httpHost.parse(env.HTTP_HOST);
  const port = v.httpPort.parse(env.HTTP_PORT) ?? defaults.httpPort;
  const databaseUrl = v.databaseUrl.parse(env.DATABASE_URL);
  if (databaseUrl === undefined && !defaults.allowsEmbeddedDatabase) {
    throw new ConfigError('DATABASE_URL', 'a PostgreSQL URL (only `switchboard start` runs an embedded PostgreSQL)', undefined);
  }
  const keycloakUrl = v.keycloakUrl.parse(env.KEYCLOAK_URL);
  if (keycloakUrl === undefined && nodeEnv === 'production') {
    throw new ConfigError('KEYCLOAK_URL', 'a Keycloak URL: the development identity provider refuses to run with NODE_ENV=production', undefined);
  }
  const keycloakRealm = v.keycloakRealm.parse(env.KEYCLOAK_REALM);
  const clientSecret = v.keycloakClientSecret.parse(env.KEYCLOAK_CLIENT_SECRET);
  const embedded = { dir: v.embeddedPgDir.parse(env.EMBEDDED_PG_DIR), port: v.embeddedPgPort.parse(env.EMBEDDED_PG_PORT) };
  return {
    nodeEnv,
    http: { host, port, publicUrl: v.publicUrl.parse(env.PUBLIC_URL) ?? `http://localhost:${port}`, consoleOrigins: v.consoleOrigin.parse(env.CONSOLE_ORIGIN) },
    database: { url: databaseUrl, poolSize: v.databasePoolSize.parse(env.DATABASE_POOL_SIZE), embedded },
    esdbUrl: v.esdbUrl.parse(env.ESDB_URL),
    redisUrl: v.redisUrl.parse(env.REDIS_URL),
    amqpUrl: v.amqpUrl.parse(env.AMQP_URL),
    esb: {
      intakeQueue: v.esbIntakeQueue.parse(env.ESB_INTAKE_QUEUE),
      deadLetterExchange: v.esbDeadLetterExchange.parse(env.ESB_DEAD_LETTER_EXCHANGE),
      eventsExchange: v.esbEventsExchange.parse(env.ESB_EVENTS_EXCHANGE),
      prefetch: v.esbPrefetch.parse(env.ESB_PREFETCH),
      deliveryLimit: v.esbDeliveryLimit.parse(env.ESB_DELIVERY_LIMIT),
      signingSecret: v.esbSigningSecret.parse(env.ESB_SIGNING_SECRET),
    },
    smpp: {
      url: v.smppUrl.parse(env.SMPP_URL),
      sourceAddr: v.smppSourceAddr.parse(env.SMPP_SOURCE_ADDR),
      enquireLinkSeconds: v.smppEnquireLinkSeconds.parse(env.SMPP_ENQUIRE_LINK_SECONDS),
      resendWindowSeconds: v.smppResendWindowSeconds.parse(env.SMPP_RESEND_WINDOW_SECONDS),
    },
    clickhouseUrl: v.clickhouseUrl.parse(env.CLICKHOUSE_URL),
    smtpUrl: v.smtpUrl.parse(env.SMTP_URL),
    keycloak: keycloakUrl
      ? { url: keycloakUrl, realm: keycloakRealm, clientId: v.keycloakClientId.parse(env.KEYCLOAK_CLIENT_ID), clientSecret }
      : undefined,
    keycloakRealm,
    intake: { department: v.intakeDepartment.parse(env.INTAKE_DEPARTMENT) },
    legacy: {
      databaseUrl: v.legacyDatabaseUrl.parse(env.LEGACY_DATABASE_URL),
      timeoutMs: v.legacyTimeoutMs.parse(env.LEGACY_TIMEOUT_MS),
      cacheTtlSeconds: v.legacyCacheTtlSeconds.parse(env.LEGACY_CACHE_TTL_SECONDS),
      searchLimit: v.legacySearchLimit.parse(env.LEGACY_SEARCH_LIMIT),
    },
    userDirectory: {
      clientId: v.keycloakDirectoryClientId.parse(env.KEYCLOAK_DIRECTORY_CLIENT_ID),
      clientSecret: v.keycloakDirectoryClientSecret.parse(env.KEYCLOAK_DIRECTORY_CLIENT_SECRET),
      ttlSeconds: v.userDirectoryTtlSeconds.parse(env.USER_DIRECTORY_TTL_SECONDS),
    },
    telegram: {
      botToken: v.telegramBotToken.parse(env.TELEGRAM_BOT_TOKEN),
      webhookSecret: v.telegramWebhookSecret.parse(env.TELEGRAM_WEBHOOK_SECRET),
      apiRoot: v.telegramApiRoot.parse(env.TELEGRAM_API_ROOT),
    },
    smsHttp: { webhookSecret: v.smsWebhookSecret.parse(env.SMS_WEBHOOK_SECRET) },
    phone: {
      webhookSecret: v.phoneWebhookSecret.parse(env.PHONE_WEBHOOK_SECRET),
      amiUrl: v.amiUrl.parse(env.AMI_URL),
      missedCallGraceSeconds: v.phoneMissedCallGraceSeconds.parse(env.PHONE_MISSED_CALL_GRACE_SECONDS),
    },
    outbox: {
      maxAttempts: v.outboxMaxAttempts.parse(env.OUTBOX_MAX_ATTEMPTS),
      retryBaseMs: v.outboxRetryBaseMs.parse(env.OUTBOX_RETRY_BASE_MS),
      retryMaxMs: v.outboxRetryMaxMs.parse(env.OUTBOX_RETRY_MAX_MS),
    },
    log: {
      level: v.logLevel.parse(env.LOG_LEVEL),
      format: v.logFormat.parse(env.LOG_FORMAT) ?? (nodeEnv === 'production' ? 'json' : 'pretty'),
    },
    demoData: v.demoData.parse(env.DEMO_DATA) ?? databaseUrl === undefined,
  };
}

/**
 * Entry points call this: a bad variable stops start-up with one line and exit code 2, no stack trace.
 */
export function loadConfigOrExit(env: Env, defaults: AppConfigDefaults): SwitchboardConfig {
  try {
    return loadConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`switchboard: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
