import type { Pool } from 'pg';
import type { BookingTimers } from '@switchboard/communications';

/** How long a claimed wake-up stays with its claimer before another instance may fire it (a crashed claimer's). */
const CLAIM_MS = 60_000;

/**
 * Booked communications' wake-ups in PostgreSQL (`communication_wakeups`): durable, so a restart
 * before the time loses none. `due` claims what is due with FOR UPDATE SKIP LOCKED (several
 * instances never fire one twice at once); `done` deletes it once the dispatch was recorded. A
 * claimer that dies leaves the claim to expire and another fires it: at least once, and the
 * dispatch is idempotent (one verdict per revision), so the communication is sent once.
 */
export class PostgresBookingTimers implements BookingTimers {
  constructor(private readonly pool: Pool) {}

  async wakeAt(communicationId: string, at: Date): Promise<void> {
    // A later booking of the same communication (rate limit after quiet hours) moves its one wake-up.
    await this.pool.query(
      `INSERT INTO communication_wakeups (communication_id, due_at) VALUES ($1, $2)
       ON CONFLICT (communication_id) DO UPDATE SET due_at = excluded.due_at, claimed_until = NULL`,
      [communicationId, at],
    );
  }

  async due(now: Date, max = 100): Promise<{ communicationId: string; dueAt: Date }[]> {
    const { rows } = await this.pool.query<{ communication_id: string; due_at: Date }>(
      `UPDATE communication_wakeups w SET claimed_until = $2
         FROM (SELECT communication_id FROM communication_wakeups
                WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
                ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) d
        WHERE w.communication_id = d.communication_id
        RETURNING w.communication_id, w.due_at`,
      [now, new Date(now.getTime() + CLAIM_MS), max],
    );
    return rows.map((r) => ({ communicationId: r.communication_id, dueAt: r.due_at }));
  }

  /** Forget a fired wake-up, unless it was moved meanwhile (a newer booking keeps its own). */
  async done(communicationId: string, dueAt: Date): Promise<void> {
    await this.pool.query('DELETE FROM communication_wakeups WHERE communication_id = $1 AND due_at = $2', [communicationId, dueAt]);
  }

  async pending(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM communication_wakeups');
    return Number(rows[0].n);
  }
}
