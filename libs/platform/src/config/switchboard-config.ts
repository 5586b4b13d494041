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
  readonly http: { readonly host: string; readonly port: number; readonly publicUrl: string };
  readonly database: {
    /** Unset means "run the embedded PostgreSQL" (all-in-one only). */
    readonly url?: string;
    readonly embedded: { readonly dir: string; readonly port: number };
  };
  readonly esdbUrl?: string;
  readonly redisUrl?: string;
  readonly amqpUrl?: string;
  readonly clickhouseUrl?: string;
  readonly smtpUrl?: string;
  /** Unset means the development identity provider issues the tokens. */
  readonly keycloak?: KeycloakConfig;
  readonly keycloakRealm: string;
  readonly legacy: { readonly databaseUrl?: string; readonly timeoutMs: number; readonly cacheTtlSeconds: number; readonly searchLimit: number };
  readonly userDirectory: { readonly clientId: string; readonly clientSecret?: string; readonly ttlSeconds: number };
  readonly log: { readonly level: LogLevel; readonly format: 'pretty' | 'json' };
  readonly demoData: boolean;
}
