import type { Pool } from 'pg';
import type { IntakeLedger } from '@switchboard/service-desk';
import type { Channel } from '@switchboard/service-desk/domain';

export class PostgresIntakeLedger implements IntakeLedger {
  /** Tail of the queue of work per contact in this process. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly maxLockHolders: number;
  private lockHolders = 0;
  private readonly waitingForLock: (() => void)[] = [];

  /**
   * A lock holder pins one pooled connection while its work runs queries on others of the same
   * pool, so as many holders as connections would wait on each other for ever: at most half the
   * pool holds contact locks at a time.
   */
  constructor(
    private readonly pool: Pool,
    maxLockHolders = Math.max(1, Math.floor((pool.options.max ?? 10) / 2)),
  ) {
    this.maxLockHolders = maxLockHolders;
  }

  async findMessage(channel: Channel, messageId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ request_id: string }>('SELECT request_id FROM intake_messages WHERE channel = $1 AND message_id = $2', [channel, messageId]);
    return rows[0]?.request_id;
  }

  async recordMessage(channel: Channel, messageId: string, requestId: string): Promise<void> {
    await this.pool.query('INSERT INTO intake_messages (channel, message_id, request_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [channel, messageId, requestId]);
  }

  async openRequestOf(channel: Channel, address: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ request_id: string }>('SELECT request_id FROM intake_open_requests WHERE channel = $1 AND address = $2', [channel, address]);
    return rows[0]?.request_id;
  }

  async setOpenRequest(channel: Channel, address: string, requestId: string | undefined): Promise<void> {
    if (requestId === undefined) {
      await this.pool.query('DELETE FROM intake_open_requests WHERE channel = $1 AND address = $2', [channel, address]);
      return;
    }
    await this.pool.query(
      `INSERT INTO intake_open_requests (channel, address, request_id) VALUES ($1, $2, $3)
       ON CONFLICT (channel, address) DO UPDATE SET request_id = excluded.request_id, updated_at = now()`,
      [channel, address, requestId],
    );
  }

  /**
   * Serialises work per contact: first in this process (so waiters do not each pin a pooled
   * connection while blocked, which would starve the lock holder), then across processes with a
   * session-level advisory lock held across the event-store append.
   */
  withContactLock<T>(channel: Channel, address: string, work: () => Promise<T>): Promise<T> {
    const key = `intake:${channel}:${address}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withAdvisoryLock(key, work));
    this.queues.set(key, run);
    void run.finally(() => {
      if (this.queues.get(key) === run) this.queues.delete(key);
    }).catch(() => undefined);
    return run;
  }

  private async withAdvisoryLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.lockHolders >= this.maxLockHolders) await new Promise<void>((resolve) => this.waitingForLock.push(resolve));
    else this.lockHolders += 1;
    try {
      return await this.withLockedConnection(key, work);
    } finally {
      // The slot passes straight to the next waiter, or frees up.
      const next = this.waitingForLock.shift();
      if (next) next();
      else this.lockHolders -= 1;
    }
  }

  private async withLockedConnection<T>(key: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      }
    } finally {
      client.release();
    }
  }
}
