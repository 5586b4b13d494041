import type { Pool } from 'pg';
import { rateLimitHold, windowMs } from '@switchboard/communications/domain';
import type { RateLimitHold } from '@switchboard/communications/domain';
import type { RateLimitLedger, RateLimitReservation } from '@switchboard/communications';

/** Reservations older than this are forgotten: longer than any window a department sets (the API caps a rule at 30 days). */
const KEPT_FOR_MS = 31 * 86_400_000;

/**
 * The rate limits on PostgreSQL: one transaction per reservation holds a transaction-scoped
 * advisory lock on (department, client), counts that client's reservations in the longest window
 * and adds this one when no rule holds it back. Parallel dispatches to one client queue on the
 * lock, so the count each sees includes every slot taken before it.
 */
export class PostgresRateLimitLedger implements RateLimitLedger {
  constructor(private readonly pool: Pool) {}

  async reserve(r: RateLimitReservation): Promise<RateLimitHold | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`communications:${r.department}\u001f${r.clientId}`]);
      const held = await client.query('SELECT 1 FROM communication_rate_reservations WHERE communication_id = $1', [r.communicationId]);
      if ((held.rowCount ?? 0) > 0) {
        await client.query('COMMIT');
        return undefined;
      }
      const longest = Math.max(0, ...r.rules.map(windowMs));
      const { rows } = await client.query<{ reserved_at: Date; communication_type: string }>(
        `SELECT reserved_at, communication_type FROM communication_rate_reservations
          WHERE department = $1 AND client_id = $2 AND reserved_at > $3`,
        [r.department, r.clientId, new Date(r.now.getTime() - longest)],
      );
      const hold = rateLimitHold(
        r.rules,
        rows.map((row) => ({ at: row.reserved_at, type: row.communication_type })),
        r.communicationType,
        r.now,
      );
      if (!hold) {
        await client.query(
          `INSERT INTO communication_rate_reservations (communication_id, department, client_id, communication_type, reserved_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [r.communicationId, r.department, r.clientId, r.communicationType, r.now],
        );
        await client.query('DELETE FROM communication_rate_reservations WHERE department = $1 AND client_id = $2 AND reserved_at < $3', [
          r.department,
          r.clientId,
          new Date(r.now.getTime() - KEPT_FOR_MS),
        ]);
      }
      await client.query('COMMIT');
      return hold;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
