import type { Pool, PoolClient } from 'pg';
import { RoutingRuleNotFoundError } from '@switchboard/service-desk';
import type { RoutingRuleChange, RoutingRuleDraft, RoutingRuleList, RoutingRuleStore, StoredRoutingRule } from '@switchboard/service-desk';
import type { RoutingConditions, RoutingOutcome } from '@switchboard/service-desk/domain';

interface RuleRow {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  conditions: RoutingConditions;
  outcome: RoutingOutcome;
  version: number;
  updated_by: string;
  updated_at: Date | string;
}

// One lock for every write: the rules are few and change rarely, and the order spans them all.
const WRITE_LOCK = `SELECT pg_advisory_xact_lock(hashtext('switchboard:routing_rules'))`;

const toRule = (row: RuleRow): StoredRoutingRule => ({
  id: row.id,
  position: row.position,
  name: row.name,
  enabled: row.enabled,
  conditions: row.conditions,
  outcome: row.outcome,
  version: row.version,
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at).toISOString(),
});

const asJson = (rule: StoredRoutingRule): string =>
  JSON.stringify({ name: rule.name, enabled: rule.enabled, position: rule.position, conditions: rule.conditions, outcome: rule.outcome });

/** Routing rules in PostgreSQL: a versioned table and its change log, written in one transaction (ADR 0019). */
export class PostgresRoutingRuleStore implements RoutingRuleStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<RoutingRuleList> {
    return readList(this.pool);
  }

  create(id: string, draft: RoutingRuleDraft, change: RoutingRuleChange, check: (current: RoutingRuleList) => void): Promise<StoredRoutingRule> {
    return this.write(async (client) => {
      const current = await readList(client);
      // A resubmitted create (same Idempotency-Key, so the same id) answers the rule it made.
      const made = current.rules.find((r) => r.id === id);
      if (made) return made;
      check(current);
      const { rows } = await client.query<RuleRow>(
        `INSERT INTO routing_rules (id, position, name, enabled, conditions, outcome, version, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8) RETURNING *`,
        [id, current.rules.length, draft.name, draft.enabled, JSON.stringify(draft.conditions), JSON.stringify(draft.outcome), change.by, change.at],
      );
      const rule = toRule(rows[0]);
      await log(client, rule, 'created', change);
      return rule;
    });
  }

  update(
    id: string,
    draft: RoutingRuleDraft,
    change: RoutingRuleChange,
    check: (current: StoredRoutingRule, all: RoutingRuleList) => void,
  ): Promise<StoredRoutingRule> {
    return this.write(async (client) => {
      const all = await readList(client);
      const current = all.rules.find((r) => r.id === id);
      if (!current) throw new RoutingRuleNotFoundError(id);
      check(current, all);
      const { rows } = await client.query<RuleRow>(
        `UPDATE routing_rules SET name = $2, enabled = $3, conditions = $4, outcome = $5, version = version + 1, updated_by = $6, updated_at = $7 WHERE id = $1 RETURNING *`,
        [id, draft.name, draft.enabled, JSON.stringify(draft.conditions), JSON.stringify(draft.outcome), change.by, change.at],
      );
      const rule = toRule(rows[0]);
      await log(client, rule, 'updated', change);
      return rule;
    });
  }

  remove(id: string, change: RoutingRuleChange, check: (current: StoredRoutingRule, all: RoutingRuleList) => void): Promise<void> {
    return this.write(async (client) => {
      const all = await readList(client);
      const current = all.rules.find((r) => r.id === id);
      if (!current) throw new RoutingRuleNotFoundError(id);
      check(current, all);
      await client.query('DELETE FROM routing_rules WHERE id = $1', [id]);
      await client.query('UPDATE routing_rules SET position = position - 1 WHERE position > $1', [current.position]);
      await client.query(`INSERT INTO routing_rule_changes (rule_id, change, version, rule, changed_by, changed_at) VALUES ($1, 'deleted', $2, NULL, $3, $4)`, [
        id,
        current.version + 1,
        change.by,
        change.at,
      ]);
    });
  }

  reorder(ids: readonly string[], change: RoutingRuleChange, check: (current: RoutingRuleList) => void): Promise<RoutingRuleList> {
    return this.write(async (client) => {
      const current = await readList(client);
      // The caller's check refuses an order that does not name every rule once.
      check(current);
      for (const [position, id] of ids.entries()) {
        const before = current.rules.find((r) => r.id === id) as StoredRoutingRule;
        if (before.position === position) continue;
        const { rows } = await client.query<RuleRow>(
          'UPDATE routing_rules SET position = $2, version = version + 1, updated_by = $3, updated_at = $4 WHERE id = $1 RETURNING *',
          [id, position, change.by, change.at],
        );
        await log(client, toRule(rows[0]), 'moved', change);
      }
      return readList(client);
    });
  }

  private async write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(WRITE_LOCK);
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

async function readList(db: Pool | PoolClient): Promise<RoutingRuleList> {
  // One statement, one snapshot: the revision belongs to exactly these rules.
  const { rows } = await db.query<{ revision: string; rules: RuleRow[] }>(
    `SELECT coalesce((SELECT max(seq) FROM routing_rule_changes), 0)::text AS revision,
            coalesce((SELECT json_agg(r ORDER BY r.position, r.id) FROM routing_rules r), '[]'::json) AS rules`,
  );
  return { revision: Number(rows[0].revision), rules: rows[0].rules.map(toRule) };
}

async function log(client: PoolClient, rule: StoredRoutingRule, change: 'created' | 'updated' | 'moved', by: RoutingRuleChange): Promise<void> {
  await client.query('INSERT INTO routing_rule_changes (rule_id, change, version, rule, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    rule.id,
    change,
    rule.version,
    asJson(rule),
    by.by,
    by.at,
  ]);
}
