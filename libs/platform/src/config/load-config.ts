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
  const vapid = {
    publicKey: v.vapidPublicKey.parse(env.VAPID_PUBLIC_KEY),
    privateKey: v.vapidPrivateKey.parse(env.VAPID_PRIVATE_KEY),
    subject: v.vapidSubject.parse(env.VAPID_SUBJECT),
  };
  const vapidSet = Object.values(vapid).filter((value) => value !== undefined).length;
  if (vapidSet > 0 && vapidSet < 3) {
    const missing = !vapid.publicKey ? 'VAPID_PUBLIC_KEY' : !vapid.privateKey ? 'VAPID_PRIVATE_KEY' : 'VAPID_SUBJECT';
    throw new ConfigError(missing, 'set together with the other VAPID_* variables (Web Push needs all three)', undefined);
  }
  const publicUrl = v.publicUrl.parse(env.PUBLIC_URL) ?? `http://localhost:${port}`;
  const embedded = { dir: v.embeddedPgDir.parse(env.EMBEDDED_PG_DIR), port: v.embeddedPgPort.parse(env.EMBEDDED_PG_PORT) };
  const demoData = v.demoData.parse(env.DEMO_DATA) ?? databaseUrl === undefined;
  return {
    nodeEnv,
    http: { host, port, publicUrl, consoleOrigins: v.consoleOrigin.parse(env.CONSOLE_ORIGIN) },
    console: { clientId: v.consoleClientId.parse(env.CONSOLE_CLIENT_ID), grafanaUrl: v.grafanaUrl.parse(env.GRAFANA_URL) },
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
    surveys: { tokenSecret: v.surveyTokenSecret.parse(env.SURVEY_TOKEN_SECRET), linkDays: v.surveyLinkDays.parse(env.SURVEY_LINK_DAYS) },
    webPush:
      vapid.publicKey && vapid.privateKey && vapid.subject
        ? { vapid: { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: vapid.subject } }
        : undefined,
    keycloak: keycloakUrl ? { url: keycloakUrl, realm: keycloakRealm, clientId: v.keycloakClientId.parse(env.KEYCLOAK_CLIENT_ID), clientSecret } : undefined,
    keycloakRealm,
    intake: {
      department: v.intakeDepartment.parse(env.INTAKE_DEPARTMENT),
      reopenWindowDays: v.reopenWindowDays.parse(env.REOPEN_WINDOW_DAYS),
      routingRulesRefreshSeconds: v.routingRulesRefreshSeconds.parse(env.ROUTING_RULES_REFRESH_SECONDS),
    },
    sla: { warningShare: v.slaWarningShare.parse(env.SLA_WARNING_SHARE), timerPollMs: v.slaTimerPollMs.parse(env.SLA_TIMER_POLL_MS) },
    problems: {
      thresholdIncidents: v.problemThresholdIncidents.parse(env.PROBLEM_THRESHOLD_INCIDENTS),
      windowMinutes: v.problemWindowMinutes.parse(env.PROBLEM_WINDOW_MINUTES),
    },
    presence: { idleMinutes: v.presenceIdleMinutes.parse(env.PRESENCE_IDLE_MINUTES) },
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
    webhooks: { allowPrivateNetworks: v.webhooksAllowPrivateNetworks.parse(env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS) },
    log: {
      level: v.logLevel.parse(env.LOG_LEVEL),
      format: v.logFormat.parse(env.LOG_FORMAT) ?? (nodeEnv === 'production' ? 'json' : 'pretty'),
    },
    files: fileStorageOf(env),
    portal: {
      invitationSecret: v.portalInvitationSecret.parse(env.PORTAL_INVITATION_SECRET),
      url: (v.portalUrl.parse(env.PORTAL_URL) ?? `${publicUrl.replace(/\/+$/, '')}/console/portal`).replace(/\/+$/, ''),
    },
    demoData,
    demoEstate: demoData && (v.demoEstate.parse(env.DEMO_ESTATE) ?? true),
  };
}

function fileStorageOf(env: Env): SwitchboardConfig['files'] {
  const dir = v.fileStorageDir.parse(env.FILE_STORAGE_DIR);
  const url = v.fileStorageS3Url.parse(env.FILE_STORAGE_S3_URL);
  if (url === undefined) return { dir };
  const accessKeyId = v.fileStorageS3AccessKeyId.parse(env.FILE_STORAGE_S3_ACCESS_KEY_ID);
  const secretAccessKey = v.fileStorageS3SecretAccessKey.parse(env.FILE_STORAGE_S3_SECRET_ACCESS_KEY);
  if (!accessKeyId || !secretAccessKey) {
    throw new ConfigError('FILE_STORAGE_S3_URL', 'set together with FILE_STORAGE_S3_ACCESS_KEY_ID and FILE_STORAGE_S3_SECRET_ACCESS_KEY', url);
  }
  return { dir, s3: { url: url.replace(/\/+$/, ''), region: v.fileStorageS3Region.parse(env.FILE_STORAGE_S3_REGION), accessKeyId, secretAccessKey } };
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
