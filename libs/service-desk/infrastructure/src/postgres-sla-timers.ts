import type { Pool } from 'pg';
import type { SlaTimer, SlaTimers } from '@switchboard/service-desk';
import type { SlaTarget } from '@switchboard/service-desk/domain';

interface TimerRow {
  entity_kind: SlaTimer['kind'];
  entity_id: string;
  target: SlaTarget;
  mark: SlaTimer['mark'];
  due_at: string;
  fire_at: Date;
  escalate: boolean;
  attempts: number;
}

const toTimer = (r: TimerRow): SlaTimer => ({
  kind: r.entity_kind,
  entityId: r.entity_id,
  target: r.target,
  mark: r.mark,
  dueAt: r.due_at,
  fireAt: r.fire_at,
  escalate: r.escalate,
});

/** A failed fire waits 1 s, 2 s, 4 s … up to a minute before the next attempt. */
const retryDelayMs = (attempts: number): number => Math.min(60_000, 1_000 * 2 ** Math.min(attempts, 6));

/** The scheduler table: rows survive restarts; claiming skips rows another process holds (ADR 0021). */
export class PostgresSlaTimers implements SlaTimers {
  constructor(private readonly pool: Pool) {}

  async schedule(kind: SlaTimer['kind'], entityId: string, timers: readonly SlaTimer[]): Promise<void> {
    const rows = JSON.stringify(
      timers.map((t) => ({ target: t.target, mark: t.mark, due_at: t.dueAt, fire_at: t.fireAt.toISOString(), escalate: t.escalate })),
    );
    const client = await this.pool.connect();
    try {
      // The item's pending timers become exactly these.
      await client.query('BEGIN');
      await client.query(
        `DELETE FROM sla_timers s WHERE s.entity_kind = $1 AND s.entity_id = $2::uuid
            AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($3::jsonb) AS t (target text, mark text) WHERE t.target = s.target AND t.mark = s.mark)`,
        [kind, entityId, rows],
      );
      await client.query(
        `INSERT INTO sla_timers (entity_kind, entity_id, target, mark, due_at, fire_at, escalate)
         SELECT $1, $2::uuid, t.target, t.mark, t.due_at, t.fire_at, t.escalate
           FROM jsonb_to_recordset($3::jsonb) AS t (target text, mark text, due_at text, fire_at timestamptz, escalate boolean)
         ON CONFLICT (entity_kind, entity_id, target, mark) DO UPDATE
           SET due_at = excluded.due_at, fire_at = excluded.fire_at, escalate = excluded.escalate, attempts = 0, last_error = NULL
           WHERE (sla_timers.due_at, sla_timers.fire_at, sla_timers.escalate) IS DISTINCT FROM (excluded.due_at, excluded.fire_at, excluded.escalate)`,
        [kind, entityId, rows],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async fireDue(now: Date, limit: number, fire: (timer: SlaTimer) => Promise<void>): Promise<number> {
    const client = await this.pool.connect();
    let fired = 0;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<TimerRow>('SELECT * FROM sla_timers WHERE fire_at <= $1 ORDER BY fire_at LIMIT $2 FOR UPDATE SKIP LOCKED', [
        now,
        limit,
      ]);
      for (const row of rows) {
        const key = [row.entity_kind, row.entity_id, row.target, row.mark, row.due_at];
        try {
          await fire(toTimer(row));
          // Only the row as claimed: a reschedule in between (another due time) waits for its own time.
          await client.query('DELETE FROM sla_timers WHERE entity_kind = $1 AND entity_id = $2 AND target = $3 AND mark = $4 AND due_at = $5', key);
          fired += 1;
        } catch (error) {
          await client.query(
            `UPDATE sla_timers SET attempts = attempts + 1, last_error = $6, fire_at = $7
              WHERE entity_kind = $1 AND entity_id = $2 AND target = $3 AND mark = $4 AND due_at = $5`,
            [...key, error instanceof Error ? error.message : String(error), new Date(now.getTime() + retryDelayMs(row.attempts))],
          );
        }
      }
      await client.query('COMMIT');
      return fired;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
