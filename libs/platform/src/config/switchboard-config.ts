export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';

export interface KeycloakConfig {
  readonly url: string;
  readonly realm: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

export interface SwitchboardConfig {
  readonly nodeEnv: NodeEnv;
  readonly http: { readonly host: string; readonly port: number; readonly publicUrl: string; readonly consoleOrigins: readonly string[] };
  /** The operator console served at /console/: its OIDC client and the Grafana it links to. */
  readonly console: { readonly clientId: string; readonly grafanaUrl?: string };
  readonly database: {
    /** Unset means "run the embedded PostgreSQL" (all-in-one only). */
    readonly url?: string;
    readonly poolSize: number;
    readonly embedded: { readonly dir: string; readonly port: number };
  };
  readonly esdbUrl?: string;
  readonly redisUrl?: string;
  readonly amqpUrl?: string;
  /** The ESB channel on AMQP_URL: intake queue, dead letters, integration events. */
  readonly esb: {
    readonly intakeQueue: string;
    readonly deadLetterExchange: string;
    readonly eventsExchange: string;
    readonly prefetch: number;
    readonly deliveryLimit: number;
    readonly signingSecret?: string;
  };
  /** SMS over SMPP: on when `url` is set. */
  readonly smpp: { readonly url?: string; readonly sourceAddr?: string; readonly enquireLinkSeconds: number; readonly resendWindowSeconds: number };
  readonly clickhouseUrl?: string;
  readonly smtpUrl?: string;
  /** Surveys (ADR 0027): the public page's link secret (unset: random per process) and how long a link is valid. */
  readonly surveys: { readonly tokenSecret?: string; readonly linkDays: number };
  /** Web Push (push communications): on when the three VAPID_* variables are set. */
  readonly webPush?: { readonly vapid: { readonly publicKey: string; readonly privateKey: string; readonly subject: string } };
  /** Unset means the development identity provider issues the tokens. */
  readonly keycloak?: KeycloakConfig;
  readonly keycloakRealm: string;
  readonly intake: {
    readonly department: string;
    /** Days after closing within which a client's message reopens a request. */ readonly reopenWindowDays: number;
    /** Seconds intake caches the routing rules. */ readonly routingRulesRefreshSeconds: number;
  };
  /** Live SLA (ADR 0021): the warning share of a target, how often due timers are looked for. */
  readonly sla: { readonly warningShare: number; readonly timerPollMs: number };
  /** Problems (mass incidents): the default threshold that opens one automatically (a service may have its own). */
  readonly problems: { readonly thresholdIncidents: number; readonly windowMinutes: number };
  /** Operators' presence: minutes without console activity after which an available operator counts as away (0: never). */
  readonly presence: { readonly idleMinutes: number };
  readonly legacy: { readonly databaseUrl?: string; readonly timeoutMs: number; readonly cacheTtlSeconds: number; readonly searchLimit: number };
  readonly userDirectory: { readonly clientId: string; readonly clientSecret?: string; readonly ttlSeconds: number };
  /** Telegram: sending is on with a bot token; the webhook accepts updates only with a secret. */
  readonly telegram: { readonly botToken?: string; readonly webhookSecret?: string; readonly apiRoot: string };
  /** The SMS HTTP gateway webhook (the SMPP link is configured apart). */
  readonly smsHttp: { readonly webhookSecret?: string };
  /** Phone/CTI: the PBX call-event webhook, the Asterisk Manager Interface, the wait before a call counts as missed. */
  readonly phone: { readonly webhookSecret?: string; readonly amiUrl?: string; readonly missedCallGraceSeconds: number };
  /** Delivery of replies and notifications: bounded attempts, exponential backoff with jitter. */
  readonly outbox: { readonly maxAttempts: number; readonly retryBaseMs: number; readonly retryMaxMs: number };
  /** The public API's status webhooks: whether they may reach the installation's own network. */
  readonly webhooks: { readonly allowPrivateNetworks: boolean };
  readonly log: { readonly level: LogLevel; readonly format: 'pretty' | 'json' };
  /** Where uploaded files live: a local directory, or an S3-compatible bucket when `s3` is set. */
  readonly files: {
    readonly dir: string;
    readonly s3?: { readonly url: string; readonly region: string; readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** The residents' portal: the invitation tokens' secret (unset: kept in the database) and the portal's public URL. */
  readonly portal: { readonly invitationSecret?: string; readonly url: string };
  readonly demoData: boolean;
  /** With the demo data: the demo estate (sites, units, the demo clients' residencies) too. */
  readonly demoEstate: boolean;
}
