import { Client } from 'pg';
import type { ClientConfig } from 'pg';
import { PARKED_EVENTS_CHANNEL, PROCESSOR_LOCK_CLASS } from './processing-schema';

export interface ProcessorLocksOptions {
  readonly connection: ClientConfig;
  /** Shown in pg_stat_activity as the lock session's application_name, and so as the holder in `processors status`. */
  readonly holder: string;
  /** A parked-event retry was requested for `processor`. */
  readonly onRetryRequested: (processor: string) => void;
  /** The session ended: every lock it held is gone. */
  readonly onLost: (error: Error) => void;
}

const HEARTBEAT_TIMEOUT_MS = 5_000;
/**
 * The server ends a lock session it has not heard from for this long (the holder heartbeats every
 * second): a frozen or partitioned holder's locks are freed for a standby even when no TCP reset
 * ever reaches the server. A holder that did freeze finds itself fenced when it wakes.
 */
const IDLE_SESSION_TIMEOUT = '15s';

/**
 * One PostgreSQL session per process holding a session-level advisory lock for each processor
 * this process runs: the one active instance of a processor is the session that holds its lock.
 * When the process dies, PostgreSQL ends the session and the locks go with it; a standby takes
 * them on its next try. The same session LISTENs for parked-event retry requests.
 */
export class ProcessorLocks {
  private client: Client | undefined;
  private readonly held = new Set<string>();

  constructor(private readonly options: ProcessorLocksOptions) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  holds(processor: string): boolean {
    return this.held.has(processor);
  }

  async connect(): Promise<void> {
    const client = new Client({
      ...this.options.connection,
      application_name: this.options.holder.slice(0, 63),
      keepAlive: true,
      query_timeout: HEARTBEAT_TIMEOUT_MS,
    });
    const lost = (error: Error): void => this.lost(client, error);
    client.on('error', lost);
    client.on('end', () => lost(new Error('the lock session ended')));
    client.on('notification', (message) => {
      if (message.channel === PARKED_EVENTS_CHANNEL && message.payload) this.options.onRetryRequested(message.payload);
    });
    try {
      await client.connect();
      // PostgreSQL 14+; older servers keep their TCP keepalive settings as the only bound.
      await client.query(`SET idle_session_timeout = '${IDLE_SESSION_TIMEOUT}'`).catch(() => undefined);
      await client.query(`LISTEN ${PARKED_EVENTS_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  /** True when this session holds the processor's lock now (taken, or held already). */
  async tryAcquire(processor: string): Promise<boolean> {
    if (this.held.has(processor)) return true;
    const client = this.required();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [PROCESSOR_LOCK_CLASS, processor]);
    if (rows[0]?.ok) this.held.add(processor);
    return this.held.has(processor);
  }

  async release(processor: string): Promise<void> {
    if (!this.held.delete(processor)) return;
    await this.client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [PROCESSOR_LOCK_CLASS, processor]);
  }

  /** Proves the session is alive (a hung one times out and counts as lost). */
  async heartbeat(): Promise<void> {
    try {
      await this.required().query('SELECT 1');
    } catch (error) {
      this.drop(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  /** Ends the session, releasing every lock at once. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    if (!client) return;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }

  private drop(error: Error): void {
    if (this.client) this.lost(this.client, error);
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.held.clear();
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.options.onLost(error);
  }

  private required(): Client {
    if (!this.client) throw new Error('the processor lock session is not connected');
    return this.client;
  }
}
