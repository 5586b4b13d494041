import { Client } from 'pg';
import type { ClientConfig } from 'pg';
import { decodeAppended, encodeAppended, mergeAppended } from './appended-events';
import type { AppendedEvents } from './appended-events';
import type { FilteredWakeUps } from './wake-up-signal';

const RECONNECT_DELAY_MS = 1_000;
// At most one NOTIFY per this interval per store instance: a wake-up is worth a few ms of lag, not a commit per append.
const MIN_NOTIFY_INTERVAL_MS = 2;

/**
 * Cross-process wake-ups for subscribers. NOTIFY inside an append would take PostgreSQL's global
 * notify lock at commit and serialise every appending transaction, so appends never notify:
 * after an append commits, one NOTIFY is sent on a connection of its own, coalesced (while one is
 * in flight, later commits only mark it dirty and one more follows it) and committed
 * asynchronously: a wake-up needs no durability, so it waits for no WAL flush. Listening is best
 * effort too: subscribers poll, so a lost connection or notification costs latency, not events.
 * A NOTIFY names what was appended (stream categories and event types, coalesced ones merged), so
 * only subscribers whose filter it may pass read; one that names nothing wakes everyone.
 */
export class PostgresNotifications {
  private notifier: Client | undefined;
  private flushing: Promise<void> | undefined;
  private dirty = false;
  /** What the next NOTIFY names: the appends committed since the last one was sent. */
  private pending: AppendedEvents | undefined;
  private listener: Client | undefined;
  private listening = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly local: FilteredWakeUps,
    private readonly sendNotify: boolean,
  ) {}

  /** Called after an append has committed; `appended` undefined: it may have written anything. */
  committed(appended?: AppendedEvents): void {
    this.local.wake(appended);
    if (!this.sendNotify || this.closed) return;
    this.pending = this.dirty ? mergeAppended(this.pending, appended) : appended;
    this.dirty = true;
    this.flushing ??= this.flush();
  }

  /** Starts listening (idempotent); reconnects until closed. */
  listen(): void {
    if (this.listening || this.closed) return;
    this.listening = true;
    void this.connectListener();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.flushing;
    const clients = [this.notifier, this.listener];
    this.notifier = undefined;
    this.listener = undefined;
    await Promise.all(clients.map((c) => c?.end().catch(() => undefined)));
  }

  private async flush(): Promise<void> {
    try {
      while (this.dirty && !this.closed) {
        this.dirty = false;
        const payload = encodeAppended(this.pending);
        this.pending = undefined;
        const started = Date.now();
        this.notifier ??= await this.connectNotifier();
        await this.notifier.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
        const early = MIN_NOTIFY_INTERVAL_MS - (Date.now() - started);
        if (this.dirty && early > 0) await new Promise((resolve) => setTimeout(resolve, early));
      }
    } catch {
      // Subscribers fall back to polling; drop the connection and try afresh on the next commit.
      const broken = this.notifier;
      this.notifier = undefined;
      await broken?.end().catch(() => undefined);
    } finally {
      // Cleared in the same turn the loop sees nothing dirty, so no commit can slip between.
      this.flushing = undefined;
    }
  }

  private async connectListener(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ ...this.config, application_name: `switchboard-eventstore-listen` });
    this.listener = client;
    client.on('error', () => this.listenerLost(client));
    client.on('end', () => this.listenerLost(client));
    client.on('notification', (message) => this.local.wake(decodeAppended(message.payload)));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      // Anything committed while we were not listening is picked up by the next read.
      this.local.wake();
    } catch {
      this.listenerLost(client);
    }
  }

  private listenerLost(client: Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => void this.connectListener(), RECONNECT_DELAY_MS);
  }

  private async connectNotifier(): Promise<Client> {
    const client = new Client({ ...this.config, application_name: `switchboard-eventstore-notify` });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('SET synchronous_commit = off');
    return client;
  }
}
