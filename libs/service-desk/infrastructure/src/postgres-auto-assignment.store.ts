import type { Pool, PoolClient } from 'pg';
import type {
  AssignmentDecision,
  AssignmentScope,
  AutoAssignmentLedger,
  AutoAssignmentSettingsStore,
  ItemChange,
  QueueItemKind,
  QueuedItem,
  StoredAutoAssignmentSettings,
} from '@switchboard/service-desk';
import type { AssignedBy, AutoAssignmentMode, AutoAssignmentSettings } from '@switchboard/service-desk/domain';

interface SettingsRow {
  scope_kind: AssignmentScope['kind'];
  scope_key: string;
  mode: AutoAssignmentMode;
  max_open: number | null;
  skills: Record<string, number[]>;
  version: number;
  updated_by: string;
  updated_at: Date;
}

const toSettings = (row: SettingsRow): StoredAutoAssignmentSettings => ({
  scope: { kind: row.scope_kind, key: row.scope_key },
  mode: row.mode,
  ...(row.max_open !== null ? { maxOpenPerOperator: row.max_open } : {}),
  skills: row.skills,
  version: row.version,
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at).toISOString(),
});

const never = (scope: AssignmentScope): StoredAutoAssignmentSettings => ({ scope, mode: 'off', skills: {}, version: 0 });

/** Settings per department / work group: a versioned row and a change log, written in one transaction. */
export class PostgresAutoAssignmentSettingsStore implements AutoAssignmentSettingsStore {
  constructor(private readonly pool: Pool) {}

  async get(scope: AssignmentScope): Promise<StoredAutoAssignmentSettings> {
    const { rows } = await this.pool.query<SettingsRow>('SELECT * FROM auto_assignment_settings WHERE scope_kind = $1 AND scope_key = $2', [
      scope.kind,
      scope.key,
    ]);
    return rows[0] ? toSettings(rows[0]) : never(scope);
  }

  async list(scopes: readonly AssignmentScope[]): Promise<StoredAutoAssignmentSettings[]> {
    if (scopes.length === 0) return [];
    const { rows } = await this.pool.query<SettingsRow>(
      `SELECT s.* FROM auto_assignment_settings s JOIN unnest($1::text[], $2::text[]) AS w (kind, key) ON s.scope_kind = w.kind AND s.scope_key = w.key`,
      [scopes.map((s) => s.kind), scopes.map((s) => s.key)],
    );
    const found = new Map(rows.map((r) => [`${r.scope_kind}:${r.scope_key}`, toSettings(r)]));
    return scopes.map((scope) => found.get(`${scope.kind}:${scope.key}`) ?? never(scope));
  }

  async save(
    scope: AssignmentScope,
    settings: AutoAssignmentSettings,
    by: string,
    check: (current: StoredAutoAssignmentSettings) => void,
  ): Promise<StoredAutoAssignmentSettings> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The scope's own lock: the first save has no row to lock yet.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('switchboard:auto_assignment:' || $1 || ':' || $2))`, [scope.kind, scope.key]);
      const { rows: current } = await client.query<SettingsRow>('SELECT * FROM auto_assignment_settings WHERE scope_kind = $1 AND scope_key = $2', [
        scope.kind,
        scope.key,
      ]);
      check(current[0] ? toSettings(current[0]) : never(scope));
      const { rows } = await client.query<SettingsRow>(
        `INSERT INTO auto_assignment_settings (scope_kind, scope_key, mode, max_open, skills, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, now())
         ON CONFLICT (scope_kind, scope_key) DO UPDATE SET mode = EXCLUDED.mode, max_open = EXCLUDED.max_open, skills = EXCLUDED.skills,
           version = auto_assignment_settings.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING *`,
        [scope.kind, scope.key, settings.mode, settings.maxOpenPerOperator ?? null, JSON.stringify(settings.skills), by],
      );
      const saved = toSettings(rows[0]);
      await client.query(
        `INSERT INTO auto_assignment_setting_changes (scope_kind, scope_key, version, settings, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          scope.kind,
          scope.key,
          saved.version,
          JSON.stringify({ mode: saved.mode, maxOpenPerOperator: saved.maxOpenPerOperator ?? null, skills: saved.skills }),
          by,
          saved.updatedAt,
        ],
      );
      await client.query('COMMIT');
      return saved;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** The assignment process manager's state. One active instance writes it (the backbone's lock), so no row locks are needed. */
export class PostgresAutoAssignmentLedger implements AutoAssignmentLedger {
  constructor(private readonly pool: Pool) {}

  async decisionFor(kind: QueueItemKind, key: string): Promise<AssignmentDecision | undefined> {
    const { rows } = await this.pool.query<{ assignee_id: string; assigned_by: AssignedBy }>(
      'SELECT assignee_id, assigned_by FROM auto_assignment_decisions WHERE item_kind = $1 AND decision_key = $2',
      [kind, key],
    );
    return rows[0] ? { assigneeId: rows[0].assignee_id, assignedBy: rows[0].assigned_by } : undefined;
  }

  async cursorOf(scope: AssignmentScope): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ last_assignee_id: string }>(
      'SELECT last_assignee_id FROM auto_assignment_cursors WHERE scope_kind = $1 AND scope_key = $2',
      [scope.kind, scope.key],
    );
    return rows[0]?.last_assignee_id;
  }

  async openItemsOf(kind: QueueItemKind, assigneeIds: readonly string[]): Promise<Map<string, number>> {
    if (assigneeIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ assignee_id: string; open: number }>(
      `SELECT assignee_id, count(*)::int AS open FROM auto_assignment_items
        WHERE item_kind = $1 AND open AND assignee_id = ANY ($2::text[]) GROUP BY assignee_id`,
      [kind, assigneeIds],
    );
    return new Map(rows.map((r) => [r.assignee_id, r.open]));
  }

  async recordDecision(kind: QueueItemKind, key: string, scope: AssignmentScope, decision: AssignmentDecision, at: Date, itemId: string): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO auto_assignment_decisions (item_kind, decision_key, item_id, scope_kind, scope_key, assignee_id, assigned_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (item_kind, decision_key) DO NOTHING`,
        [kind, key, itemId, scope.kind, scope.key, decision.assigneeId, JSON.stringify(decision.assignedBy), at],
      );
      await client.query(
        `INSERT INTO auto_assignment_cursors (scope_kind, scope_key, last_assignee_id) VALUES ($1, $2, $3)
         ON CONFLICT (scope_kind, scope_key) DO UPDATE SET last_assignee_id = EXCLUDED.last_assignee_id`,
        [scope.kind, scope.key, decision.assigneeId],
      );
      await upsertItem(client, kind, itemId, { scopeKey: scope.key, assigneeId: decision.assigneeId });
    });
  }

  async trackItem(kind: QueueItemKind, itemId: string, change: ItemChange): Promise<string> {
    return upsertItem(this.pool, kind, itemId, change);
  }

  async queuedIn(kind: QueueItemKind, scopeKey: string, limit: number): Promise<QueuedItem[]> {
    const { rows } = await this.pool.query<{ item_id: string; service_code: number | null }>(
      `SELECT item_id, service_code FROM auto_assignment_items
        WHERE item_kind = $1 AND scope_key = $2 AND open AND assignee_id IS NULL ORDER BY seq LIMIT $3`,
      [kind, scopeKey, limit],
    );
    return rows.map((r) => ({ itemId: r.item_id, ...(r.service_code !== null ? { serviceCode: r.service_code } : {}) }));
  }
}

async function upsertItem(db: Pick<Pool, 'query'>, kind: QueueItemKind, itemId: string, change: ItemChange): Promise<string> {
  const { rows } = await db.query<{ scope_key: string }>(
    `INSERT INTO auto_assignment_items (item_kind, item_id, scope_key, service_code, assignee_id, open)
     VALUES ($1, $2, coalesce($3, ''), $4, $5, coalesce($6, true))
     ON CONFLICT (item_kind, item_id) DO UPDATE SET
       scope_key = coalesce($3, auto_assignment_items.scope_key),
       service_code = coalesce($4, auto_assignment_items.service_code),
       assignee_id = coalesce($5, auto_assignment_items.assignee_id),
       open = coalesce($6, auto_assignment_items.open)
     RETURNING scope_key`,
    [kind, itemId, change.scopeKey ?? null, change.serviceCode ?? null, change.assigneeId ?? null, change.open ?? null],
  );
  return rows[0]?.scope_key ?? '';
}

async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
