import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseClient } from '@clickhouse/client';
import { identifier } from './sql';
import type { Sql } from './sql';

export const DEFAULT_ANALYTICS_DATABASE = 'switchboard';

export interface ClickHouseEndpoint {
  /** Scheme, host and port only. */
  readonly url: string;
  readonly database: string;
  readonly username?: string;
  readonly password?: string;
}

/**
 * `CLICKHOUSE_URL` is `http://[user:password@]host:8123[/database]`; without a path the analytics
 * tables live in `switchboard` (the database Grafana's data source opens).
 */
export function parseClickHouseUrl(value: string, database?: string): ClickHouseEndpoint {
  const url = new URL(value);
  const fromPath = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  const endpoint: ClickHouseEndpoint = {
    url: `${url.protocol}//${url.host}`,
    database: database ?? (fromPath || DEFAULT_ANALYTICS_DATABASE),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
  identifier(endpoint.database);
  return endpoint;
}

/**
 * One ClickHouse database over HTTP through @clickhouse/client. The client runs unchanged on the
 * 18.16 test server as long as no query parameters (`{name:Type}`) are used — 18.16 rejects them
 * as unknown `param_*` settings — so values go through `sql` (./sql.ts) instead.
 */
export class ClickHouseDatabase {
  private constructor(
    private readonly client: ClickHouseClient,
    readonly endpoint: ClickHouseEndpoint,
  ) {}

  static open(endpoint: ClickHouseEndpoint, options: { requestTimeoutMs?: number } = {}): ClickHouseDatabase {
    const client = createClient({
      url: endpoint.url,
      database: endpoint.database,
      username: endpoint.username,
      password: endpoint.password,
      ...(options.requestTimeoutMs ? { request_timeout: options.requestTimeoutMs } : {}),
      max_open_connections: 8,
      application: 'switchboard-analytics',
      // Failures are thrown to the caller, which logs them once with what it was doing.
      log: { level: ClickHouseLogLevel.OFF },
    });
    return new ClickHouseDatabase(client, endpoint);
  }

  get name(): string {
    return this.endpoint.database;
  }

  /** The same server, another database (the rebuild's shadow copy). */
  sibling(database: string): ClickHouseDatabase {
    return ClickHouseDatabase.open({ ...this.endpoint, database });
  }

  /** Creates this database; runs against `default`, since the client's own database may not exist yet. */
  async create(): Promise<void> {
    await this.onDefault(`CREATE DATABASE IF NOT EXISTS ${identifier(this.name).text}`);
  }

  async drop(): Promise<void> {
    await this.onDefault(`DROP DATABASE IF EXISTS ${identifier(this.name).text}`);
  }

  async exec(statement: Sql): Promise<void> {
    await this.client.command({ query: statement.text });
  }

  async rows<T>(statement: Sql): Promise<T[]> {
    const result = await this.client.query({ query: statement.text, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: identifier(table).text, values: rows as object[], format: 'JSONEachRow' });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async onDefault(query: string): Promise<void> {
    const admin = createClient({
      url: this.endpoint.url,
      database: 'default',
      username: this.endpoint.username,
      password: this.endpoint.password,
      application: 'switchboard-analytics',
      log: { level: ClickHouseLogLevel.OFF },
    });
    try {
      await admin.command({ query });
    } finally {
      await admin.close();
    }
  }
}
