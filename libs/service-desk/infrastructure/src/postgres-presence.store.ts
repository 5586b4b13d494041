import type { Pool } from 'pg';
import type { OperatorPresence, PresenceStatus, PresenceStore } from '@switchboard/service-desk';

interface PresenceRow {
  user_id: string;
  status: PresenceStatus;
  since: Date;
  last_seen_at: Date;
}

const toPresence = (row: PresenceRow): OperatorPresence => ({
  userId: row.user_id,
  status: row.status,
  since: new Date(row.since).toISOString(),
  lastSeenAt: new Date(row.last_seen_at).toISOString(),
});

/** Presence in PostgreSQL: one row per operator, and a change log written by the same statement. */
export class PostgresPresenceStore implements PresenceStore {
  constructor(
    private readonly pool: Pool,
    /** Minutes without activity after which an available operator no longer counts as available (0: never). */
    private readonly idleMinutes: number,
  ) {}

  async get(userId: string): Promise<OperatorPresence | undefined> {
    const { rows } = await this.pool.query<PresenceRow>('SELECT * FROM operator_presence WHERE user_id = $1', [userId]);
    return rows[0] ? toPresence(rows[0]) : undefined;
  }

  async of(userIds: readonly string[]): Promise<Map<string, OperatorPresence>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await this.pool.query<PresenceRow>('SELECT * FROM operator_presence WHERE user_id = ANY ($1::text[])', [userIds]);
    return new Map(rows.map((r) => [r.user_id, toPresence(r)]));
  }

  async availableAmong(userIds: readonly string[], now: Date): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT user_id FROM operator_presence
        WHERE user_id = ANY ($1::text[]) AND status = 'available' AND ($2::int = 0 OR last_seen_at > $3::timestamptz - make_interval(mins => $2::int))`,
      [userIds, this.idleMinutes, now],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async set(userId: string, status: PresenceStatus, by: string, now: Date): Promise<OperatorPresence> {
    // The change is logged only when the status changes; setting it again just counts as activity.
    const { rows } = await this.pool.query<PresenceRow>(
      `WITH before AS (SELECT status FROM operator_presence WHERE user_id = $1),
            saved AS (
              INSERT INTO operator_presence (user_id, status, since, last_seen_at) VALUES ($1, $2, $4, $4)
              ON CONFLICT (user_id) DO UPDATE SET
                since = CASE WHEN operator_presence.status = EXCLUDED.status THEN operator_presence.since ELSE EXCLUDED.since END,
                status = EXCLUDED.status, last_seen_at = EXCLUDED.last_seen_at
              RETURNING *),
            logged AS (
              INSERT INTO operator_presence_changes (user_id, status, reason, changed_by, changed_at)
              SELECT $1, $2, 'set', $3, $4 WHERE NOT EXISTS (SELECT 1 FROM before WHERE before.status = $2)
              RETURNING seq)
       SELECT * FROM saved`,
      [userId, status, by, now],
    );
    return toPresence(rows[0]);
  }

  async heartbeat(userId: string, now: Date): Promise<void> {
    await this.pool.query('UPDATE operator_presence SET last_seen_at = greatest(last_seen_at, $2) WHERE user_id = $1', [userId, now]);
  }

  async expireIdle(before: Date, now: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `WITH expired AS (
         UPDATE operator_presence SET status = 'away', since = $2 WHERE status = 'available' AND last_seen_at <= $1 RETURNING user_id),
       logged AS (
         INSERT INTO operator_presence_changes (user_id, status, reason, changed_by, changed_at)
         SELECT user_id, 'away', 'idle', 'system:presence', $2 FROM expired RETURNING user_id)
       SELECT user_id FROM logged`,
      [before, now],
    );
    return rows.map((r) => r.user_id);
  }
}
