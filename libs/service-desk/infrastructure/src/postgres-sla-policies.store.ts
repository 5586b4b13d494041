import type { Pool, PoolClient } from 'pg';
import { SlaPolicyNotFoundError, SlaScopeTakenError } from '@switchboard/service-desk';
import type { SlaPolicyChange, SlaPolicyDraft, SlaPolicyStore, StoredSlaPolicy } from '@switchboard/service-desk';
import type { BusinessCalendar, SlaPolicy, SlaScope } from '@switchboard/service-desk/domain';

interface PolicyRow {
  id: string;
  name: string;
  scope: SlaScope;
  calendar: BusinessCalendar;
  targets: SlaPolicy['targets'];
  escalate_on_breach: boolean;
  version: number;
  updated_by: string;
  updated_at: Date | string;
}

const toPolicy = (row: PolicyRow): StoredSlaPolicy => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  calendar: row.calendar,
  targets: row.targets,
  escalateOnBreach: row.escalate_on_breach,
  version: row.version,
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at).toISOString(),
});

export const slaScopeKey = (scope: SlaScope): string => (scope.kind === 'department' ? `department:${scope.department}` : `service:${scope.serviceCode}`);

const asJson = (p: StoredSlaPolicy): string =>
  JSON.stringify({ name: p.name, scope: p.scope, calendar: p.calendar, targets: p.targets, escalateOnBreach: p.escalateOnBreach });

/** SLA policies in PostgreSQL: a versioned table and its change log, written in one transaction (ADR 0021). */
export class PostgresSlaPolicyStore implements SlaPolicyStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<StoredSlaPolicy[]> {
    const { rows } = await this.pool.query<PolicyRow>('SELECT * FROM sla_policies ORDER BY name, id');
    return rows.map(toPolicy);
  }

  async forScope(scope: SlaScope): Promise<StoredSlaPolicy | undefined> {
    const { rows } = await this.pool.query<PolicyRow>('SELECT * FROM sla_policies WHERE scope_key = $1', [slaScopeKey(scope)]);
    return rows[0] ? toPolicy(rows[0]) : undefined;
  }

  create(id: string, draft: SlaPolicyDraft, change: SlaPolicyChange): Promise<StoredSlaPolicy> {
    return this.write(async (client) => {
      // A resubmitted create (same Idempotency-Key, so the same id) answers the policy it made.
      const made = await client.query<PolicyRow>('SELECT * FROM sla_policies WHERE id = $1', [id]);
      if (made.rows[0]) return toPolicy(made.rows[0]);
      const { rows } = await client.query<PolicyRow>(
        `INSERT INTO sla_policies (id, scope_key, name, scope, calendar, targets, escalate_on_breach, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) ON CONFLICT (scope_key) DO NOTHING RETURNING *`,
        [
          id,
          slaScopeKey(draft.scope),
          draft.name,
          JSON.stringify(draft.scope),
          JSON.stringify(draft.calendar),
          JSON.stringify(draft.targets),
          draft.escalateOnBreach,
          change.by,
          change.at,
        ],
      );
      if (!rows[0]) throw new SlaScopeTakenError(draft.scope);
      const policy = toPolicy(rows[0]);
      await log(client, policy.id, 'created', policy.version, asJson(policy), change);
      return policy;
    });
  }

  update(id: string, draft: SlaPolicyDraft, change: SlaPolicyChange, check: (current: StoredSlaPolicy) => void): Promise<StoredSlaPolicy> {
    return this.write(async (client) => {
      const current = await this.locked(client, id);
      check(current);
      const taken = await client.query('SELECT 1 FROM sla_policies WHERE scope_key = $1 AND id <> $2', [slaScopeKey(draft.scope), id]);
      if (taken.rowCount) throw new SlaScopeTakenError(draft.scope);
      const { rows } = await client.query<PolicyRow>(
        `UPDATE sla_policies SET scope_key = $2, name = $3, scope = $4, calendar = $5, targets = $6, escalate_on_breach = $7, version = version + 1,
                updated_by = $8, updated_at = $9 WHERE id = $1 RETURNING *`,
        [
          id,
          slaScopeKey(draft.scope),
          draft.name,
          JSON.stringify(draft.scope),
          JSON.stringify(draft.calendar),
          JSON.stringify(draft.targets),
          draft.escalateOnBreach,
          change.by,
          change.at,
        ],
      );
      const policy = toPolicy(rows[0]);
      await log(client, id, 'updated', policy.version, asJson(policy), change);
      return policy;
    });
  }

  remove(id: string, change: SlaPolicyChange, check: (current: StoredSlaPolicy) => void): Promise<void> {
    return this.write(async (client) => {
      const current = await this.locked(client, id);
      check(current);
      await client.query('DELETE FROM sla_policies WHERE id = $1', [id]);
      await log(client, id, 'deleted', current.version + 1, null, change);
    });
  }

  private async locked(client: PoolClient, id: string): Promise<StoredSlaPolicy> {
    const { rows } = await client.query<PolicyRow>('SELECT * FROM sla_policies WHERE id = $1 FOR UPDATE', [id]);
    if (!rows[0]) throw new SlaPolicyNotFoundError(id);
    return toPolicy(rows[0]);
  }

  private async write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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
}

async function log(client: PoolClient, id: string, change: string, version: number, policy: string | null, by: SlaPolicyChange): Promise<void> {
  await client.query('INSERT INTO sla_policy_changes (policy_id, change, version, policy, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    change,
    version,
    policy,
    by.by,
    by.at,
  ]);
}
