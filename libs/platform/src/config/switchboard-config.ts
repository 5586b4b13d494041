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
  /** Unset means the development identity provider issues the tokens. */
  readonly keycloak?: KeycloakConfig;
  readonly keycloakRealm: string;
  readonly intake: { readonly department: string };
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
  readonly log: { readonly level: LogLevel; readonly format: 'pretty' | 'json' };
  readonly demoData: boolean;
}
