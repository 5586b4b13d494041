import type { Pool } from 'pg';
import type { ContactLedgerEntry, ContactLedgerUpdate, IntakeLedger } from '@switchboard/service-desk';
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

  /**
   * Serialises work per contact: first in this process (so waiters do not each pin a pooled
   * connection while blocked, which would starve the lock holder), then across processes with a
   * session-level advisory lock held across the event-store append.
   */
  withContact<T>(
    channel: Channel,
    address: string,
    messageId: string,
    work: (entry: ContactLedgerEntry) => Promise<{ result: T; update: ContactLedgerUpdate }>,
  ): Promise<T> {
    const key = `intake:${channel}:${address}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withAdvisoryLock(key, () => this.withLockedConnection(key, channel, address, messageId, work)));
    this.queues.set(key, run);
    void run
      .finally(() => {
        if (this.queues.get(key) === run) this.queues.delete(key);
      })
      .catch(() => undefined);
    return run;
  }

  private async withAdvisoryLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.lockHolders >= this.maxLockHolders) await new Promise<void>((resolve) => this.waitingForLock.push(resolve));
    else this.lockHolders += 1;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, or frees up.
      const next = this.waitingForLock.shift();
      if (next) next();
      else this.lockHolders -= 1;
    }
  }

  /** One round trip to lock and read the ledger, one to record the outcome and unlock. */
  private async withLockedConnection<T>(
    key: string,
    channel: Channel,
    address: string,
    messageId: string,
    work: (entry: ContactLedgerEntry) => Promise<{ result: T; update: ContactLedgerUpdate }>,
  ): Promise<T> {
    const client = await this.pool.connect();
    let locked = false;
    try {
      const { rows } = await client.query<{ stored_in: string | null; open_request: string | null }>(
        'SELECT stored_in, open_request FROM intake_enter($1, $2, $3, $4)',
        [key, channel, messageId, address],
      );
      locked = true;
      const { result, update } = await work({ storedIn: rows[0]?.stored_in ?? undefined, openRequest: rows[0]?.open_request ?? undefined });
      await client.query('SELECT intake_leave($1, $2, $3, $4, $5, $6, $7)', [
        key,
        channel,
        messageId,
        address,
        update.storedIn ?? null,
        update.openRequest !== undefined,
        update.openRequest ?? null,
      ]);
      locked = false;
      return result;
    } finally {
      if (locked) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
      client.release();
    }
  }
}
