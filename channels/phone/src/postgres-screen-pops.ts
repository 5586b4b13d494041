import type { Pool, PoolClient } from 'pg';
import type { ScreenPopPublisher } from './screen-pop-publisher';
import type { ScreenPop } from './screen-pops';

/** The NOTIFY channel screen-pops travel on; per database, so apps on one database share it. */
export const SCREEN_POPS_CHANNEL = 'switchboard_screen_pops';

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
const MAX_PAYLOAD_BYTES = 7_900;

export interface ScreenPopsLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Screen-pops over PostgreSQL NOTIFY, the one service every deployment has: the gateway process
 * that receives a call publishes, every process serving operators' event streams listens. A pop
 * is a moment's news; one published while a listener reconnects is not replayed.
 */
export class PostgresScreenPopPublisher implements ScreenPopPublisher {
  constructor(
    private readonly pool: Pool,
    private readonly logger: ScreenPopsLogger,
  ) {}

  async publish(pop: ScreenPop): Promise<void> {
    let payload = JSON.stringify(pop);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      // Only the client's details can be long; the operator's console can still look the caller up.
      this.logger.warn(`screen-pop of call ${pop.callId} too long for NOTIFY; sent without the client's details`);
      const { client: _client, ...withoutClient } = pop;
      payload = JSON.stringify(withoutClient);
    }
    await this.pool.query('SELECT pg_notify($1, $2)', [SCREEN_POPS_CHANNEL, payload]);
  }
}

export interface PostgresScreenPopListenerOptions<T = ScreenPop> {
  readonly pool: Pool;
  readonly onPop: (pop: T) => void;
  /** Another NOTIFY channel of JSON payloads (assignment notices); screen-pops by default. */
  readonly channel?: string;
  /** What the log lines call the payloads (`screen-pops` by default). */
  readonly noun?: string;
  readonly logger: ScreenPopsLogger;
  /** Reconnect backoff: doubles from `min` up to `max`, with jitter. */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
}

/** Holds one pooled connection LISTENing for screen-pops (or `channel`); reconnects with backoff when it drops. */
export class PostgresScreenPopListener<T = ScreenPop> {
  private client: PoolClient | undefined;
  private stopped = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private readonly listeningWaiters = new Set<() => void>();

  private readonly channel: string;
  private readonly noun: string;

  constructor(private readonly options: PostgresScreenPopListenerOptions<T>) {
    this.channel = options.channel ?? SCREEN_POPS_CHANNEL;
    this.noun = options.noun ?? 'screen-pops';
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  start(): void {
    if (!this.stopped && !this.client && !this.connecting) this.connecting = this.connect().finally(() => (this.connecting = undefined));
  }

  /** Resolves once LISTEN is in place (for start-up waits and tests). */
  whenListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    return new Promise((resolve) => this.listeningWaiters.add(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      client.release();
    }
  }

  private async connect(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.options.pool.connect();
      client.on('notification', (message) => {
        if (message.channel === this.channel && message.payload) this.deliver(message.payload);
      });
      const connection = client;
      client.on('error', (error) => this.lost(connection, error));
      client.on('end', () => this.lost(connection, new Error('the connection ended')));
      await client.query(`LISTEN ${this.channel}`);
      if (this.stopped) {
        client.release();
        return;
      }
      this.client = client;
      if (this.failures > 0) this.options.logger.log(`listening for ${this.noun} again`);
      this.failures = 0;
      for (const resolve of this.listeningWaiters) resolve();
      this.listeningWaiters.clear();
    } catch (error) {
      client?.release(error instanceof Error ? error : true);
      this.retry(error);
    }
  }

  private deliver(payload: string): void {
    let pop: T;
    try {
      pop = JSON.parse(payload) as T;
    } catch {
      this.options.logger.warn(`one of the ${this.noun} that is not JSON was ignored (${payload.length} characters)`);
      return;
    }
    this.options.onPop(pop);
  }

  private lost(client: PoolClient, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    // Released with the error: the pool discards the connection instead of reusing it.
    client.release(error);
    this.retry(error);
  }

  private retry(error: unknown): void {
    if (this.stopped) return;
    const min = this.options.reconnectMinMs ?? 250;
    const max = this.options.reconnectMaxMs ?? 10_000;
    const ceiling = Math.min(max, min * 2 ** this.failures);
    this.failures++;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.options.logger.warn(
      `not listening for ${this.noun} (${error instanceof Error ? error.message : String(error)}); ${this.noun === 'screen-pops' ? 'pops' : this.noun} are missed until it listens again in ${Math.round(delay)} ms`,
    );
    this.retryTimer = setTimeout(() => this.start(), delay);
  }
}
