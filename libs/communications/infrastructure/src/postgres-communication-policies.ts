import type { Pool, PoolClient } from 'pg';
import { PolicyConflictError, PolicyNotFoundError, StalePolicyError } from '@switchboard/communications';
import type {
  AvailabilityChange,
  AvailabilityDraft,
  ChannelPreference,
  CommunicationPolicies,
  PolicyChange,
  RateLimitDraft,
  StoredAvailability,
  StoredCommunicationChannel,
  StoredCommunicationType,
  StoredRateLimit,
} from '@switchboard/communications';
import type { CommunicationChannel, CommunicationType, ReferenceStatus } from '@switchboard/communications/domain';

type Db = Pool | PoolClient;
const iso = (value: Date | string): string => new Date(value).toISOString();

interface TypeRow {
  code: string;
  name: string;
  status: ReferenceStatus;
  marketing: boolean;
  held_in_quiet_hours: boolean;
  version: number;
  updated_by: string;
  updated_at: Date;
}
const toType = (r: TypeRow): StoredCommunicationType => ({
  code: r.code,
  name: r.name,
  status: r.status,
  marketing: r.marketing,
  heldInQuietHours: r.held_in_quiet_hours,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
});

interface ChannelRow {
  code: CommunicationChannel;
  name: string;
  status: ReferenceStatus;
  version: number;
  updated_by: string;
  updated_at: Date;
}
const toChannel = (r: ChannelRow): StoredCommunicationChannel => ({
  code: r.code,
  name: r.name,
  status: r.status,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
});

interface PreferenceRow {
  department: string;
  communication_type: string;
  channels: CommunicationChannel[];
  version: number;
  updated_by: string;
  updated_at: Date;
}
const toPreference = (r: PreferenceRow): ChannelPreference => ({
  department: r.department,
  communicationType: r.communication_type,
  channels: r.channels,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
});

interface LimitRow {
  id: string;
  department: string;
  limit_count: number;
  unit: StoredRateLimit['unit'];
  units: number;
  types: string[] | null;
  over_limit: 'book' | 'refuse';
  version: number;
  updated_by: string;
  updated_at: Date;
}
const toLimit = (r: LimitRow): StoredRateLimit => ({
  id: r.id,
  department: r.department,
  limit: r.limit_count,
  unit: r.unit,
  units: r.units,
  ...(r.types?.length ? { types: r.types } : {}),
  overLimit: r.over_limit,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
});

interface AvailabilityRow {
  client_id: string;
  status: 'active' | 'blocked';
  blocked_periods: { from: string; to?: string }[];
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string | null;
  language: 'ru' | 'en';
  opted_out: string[];
  version: number;
  updated_by: string;
  updated_at: Date;
}
const toAvailability = (r: AvailabilityRow): StoredAvailability => ({
  clientId: r.client_id,
  status: r.status,
  blockedPeriods: r.blocked_periods.map((p) => ({ from: new Date(p.from), ...(p.to ? { to: new Date(p.to) } : {}) })),
  optedOut: r.opted_out,
  ...(r.quiet_start && r.quiet_end && r.time_zone ? { quietHours: { start: r.quiet_start, end: r.quiet_end, timeZone: r.time_zone } } : {}),
  language: r.language,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
});

/** A client nobody set anything for: active, no periods, no opt-outs, Russian. */
const defaultAvailability = (clientId: string): StoredAvailability => ({
  clientId,
  status: 'active',
  blockedPeriods: [],
  optedOut: [],
  language: 'ru',
  version: 0,
});

const checkVersion = (what: string, actual: number, expected: number | undefined): void => {
  if (expected !== undefined && expected !== actual) throw new StalePolicyError(what, actual);
};

/**
 * The communications' reference data and policies in PostgreSQL: one row per entry with a version
 * (the If-Match of an edit), each write and its line in `communication_policy_changes` in one
 * transaction, the row locked so two editors of one entry queue and the second sees the first's version.
 */
export class PostgresCommunicationPolicies implements CommunicationPolicies {
  constructor(private readonly pool: Pool) {}

  async types(): Promise<StoredCommunicationType[]> {
    const { rows } = await this.pool.query<TypeRow>('SELECT * FROM communication_types ORDER BY code');
    return rows.map(toType);
  }

  createType(type: CommunicationType, change: PolicyChange): Promise<StoredCommunicationType> {
    return this.write(async (tx) => {
      const { rows } = await tx.query<TypeRow>(
        `INSERT INTO communication_types (code, name, status, marketing, held_in_quiet_hours, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING *`,
        [type.code, type.name, type.status, type.marketing, type.heldInQuietHours, change.by, change.at],
      );
      if (!rows[0]) throw new PolicyConflictError(`A communication type ${type.code} exists`);
      const stored = toType(rows[0]);
      await log(tx, 'type', type.code, 'created', stored.version, stored, change);
      return stored;
    });
  }

  updateType(code: string, type: Omit<CommunicationType, 'code'>, expected: number | undefined, change: PolicyChange): Promise<StoredCommunicationType> {
    return this.write(async (tx) => {
      const current = await tx.query<TypeRow>('SELECT * FROM communication_types WHERE code = $1 FOR UPDATE', [code]);
      if (!current.rows[0]) throw new PolicyNotFoundError(`communication type ${code}`);
      checkVersion(`communication type ${code}`, current.rows[0].version, expected);
      const { rows } = await tx.query<TypeRow>(
        `UPDATE communication_types SET name = $2, status = $3, marketing = $4, held_in_quiet_hours = $5, version = version + 1, updated_by = $6, updated_at = $7
          WHERE code = $1 RETURNING *`,
        [code, type.name, type.status, type.marketing, type.heldInQuietHours, change.by, change.at],
      );
      const stored = toType(rows[0]);
      await log(tx, 'type', code, 'updated', stored.version, stored, change);
      return stored;
    });
  }

  async channels(): Promise<StoredCommunicationChannel[]> {
    const { rows } = await this.pool.query<ChannelRow>('SELECT * FROM communication_channels ORDER BY code');
    return rows.map(toChannel);
  }

  updateChannel(
    code: CommunicationChannel,
    channel: { name: string; status: ReferenceStatus },
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<StoredCommunicationChannel> {
    return this.write(async (tx) => {
      const current = await tx.query<ChannelRow>('SELECT * FROM communication_channels WHERE code = $1 FOR UPDATE', [code]);
      if (!current.rows[0]) throw new PolicyNotFoundError(`communication channel ${code}`);
      checkVersion(`communication channel ${code}`, current.rows[0].version, expected);
      const { rows } = await tx.query<ChannelRow>(
        'UPDATE communication_channels SET name = $2, status = $3, version = version + 1, updated_by = $4, updated_at = $5 WHERE code = $1 RETURNING *',
        [code, channel.name, channel.status, change.by, change.at],
      );
      const stored = toChannel(rows[0]);
      await log(tx, 'channel', code, 'updated', stored.version, stored, change);
      return stored;
    });
  }

  async preferences(department?: string): Promise<ChannelPreference[]> {
    const { rows } = await this.pool.query<PreferenceRow>(
      'SELECT * FROM communication_preferences WHERE $1::text IS NULL OR department = $1 ORDER BY department, communication_type',
      [department ?? null],
    );
    return rows.map(toPreference);
  }

  setPreference(
    department: string,
    communicationType: string,
    channels: readonly CommunicationChannel[],
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<ChannelPreference> {
    return this.write(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`communication-preference:${department}\u001f${communicationType}`]);
      const current = await tx.query<PreferenceRow>('SELECT * FROM communication_preferences WHERE department = $1 AND communication_type = $2', [
        department,
        communicationType,
      ]);
      checkVersion(`preference of ${department} for ${communicationType}`, current.rows[0]?.version ?? 0, expected);
      const { rows } = await tx.query<PreferenceRow>(
        `INSERT INTO communication_preferences (department, communication_type, channels, version, updated_by, updated_at)
         VALUES ($1, $2, $3, 1, $4, $5)
         ON CONFLICT (department, communication_type) DO UPDATE SET channels = excluded.channels, version = communication_preferences.version + 1,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at
         RETURNING *`,
        [department, communicationType, channels, change.by, change.at],
      );
      const stored = toPreference(rows[0]);
      await log(tx, 'preference', `${department}/${communicationType}`, current.rows[0] ? 'updated' : 'created', stored.version, stored, change);
      return stored;
    });
  }

  removePreference(department: string, communicationType: string, expected: number | undefined, change: PolicyChange): Promise<void> {
    return this.write(async (tx) => {
      const current = await tx.query<PreferenceRow>('SELECT * FROM communication_preferences WHERE department = $1 AND communication_type = $2 FOR UPDATE', [
        department,
        communicationType,
      ]);
      if (!current.rows[0]) throw new PolicyNotFoundError(`preference of ${department} for ${communicationType}`);
      checkVersion(`preference of ${department} for ${communicationType}`, current.rows[0].version, expected);
      await tx.query('DELETE FROM communication_preferences WHERE department = $1 AND communication_type = $2', [department, communicationType]);
      await log(tx, 'preference', `${department}/${communicationType}`, 'deleted', current.rows[0].version + 1, null, change);
    });
  }

  async rateLimits(department?: string): Promise<StoredRateLimit[]> {
    const { rows } = await this.pool.query<LimitRow>(
      'SELECT * FROM communication_rate_limits WHERE $1::text IS NULL OR department = $1 ORDER BY department, updated_at, id',
      [department ?? null],
    );
    return rows.map(toLimit);
  }

  async rateLimit(id: string): Promise<StoredRateLimit | undefined> {
    const { rows } = await this.pool.query<LimitRow>('SELECT * FROM communication_rate_limits WHERE id = $1', [id]);
    return rows[0] && toLimit(rows[0]);
  }

  createRateLimit(id: string, department: string, rule: RateLimitDraft, change: PolicyChange): Promise<StoredRateLimit> {
    return this.write(async (tx) => {
      const { rows } = await tx.query<LimitRow>(
        `INSERT INTO communication_rate_limits (id, department, limit_count, unit, units, types, over_limit, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING *`,
        [id, department, rule.limit, rule.unit, rule.units, rule.types?.length ? rule.types : null, rule.overLimit ?? 'book', change.by, change.at],
      );
      // A resubmitted create (same Idempotency-Key, same id) answers the rule it made.
      if (!rows[0]) return toLimit((await tx.query<LimitRow>('SELECT * FROM communication_rate_limits WHERE id = $1', [id])).rows[0]);
      const stored = toLimit(rows[0]);
      await log(tx, 'rate-limit', id, 'created', stored.version, stored, change);
      return stored;
    });
  }

  updateRateLimit(id: string, rule: RateLimitDraft, expected: number | undefined, change: PolicyChange): Promise<StoredRateLimit> {
    return this.write(async (tx) => {
      const current = await tx.query<LimitRow>('SELECT * FROM communication_rate_limits WHERE id = $1 FOR UPDATE', [id]);
      if (!current.rows[0]) throw new PolicyNotFoundError(`rate limit ${id}`);
      checkVersion('rate limit', current.rows[0].version, expected);
      const { rows } = await tx.query<LimitRow>(
        `UPDATE communication_rate_limits SET limit_count = $2, unit = $3, units = $4, types = $5, over_limit = $6, version = version + 1, updated_by = $7, updated_at = $8
          WHERE id = $1 RETURNING *`,
        [id, rule.limit, rule.unit, rule.units, rule.types?.length ? rule.types : null, rule.overLimit ?? 'book', change.by, change.at],
      );
      const stored = toLimit(rows[0]);
      await log(tx, 'rate-limit', id, 'updated', stored.version, stored, change);
      return stored;
    });
  }

  removeRateLimit(id: string, expected: number | undefined, change: PolicyChange): Promise<void> {
    return this.write(async (tx) => {
      const current = await tx.query<LimitRow>('SELECT * FROM communication_rate_limits WHERE id = $1 FOR UPDATE', [id]);
      if (!current.rows[0]) throw new PolicyNotFoundError(`rate limit ${id}`);
      checkVersion('rate limit', current.rows[0].version, expected);
      await tx.query('DELETE FROM communication_rate_limits WHERE id = $1', [id]);
      await log(tx, 'rate-limit', id, 'deleted', current.rows[0].version + 1, null, change);
    });
  }

  availability(clientId: string): Promise<StoredAvailability> {
    return readAvailability(this.pool, clientId);
  }

  setAvailability(clientId: string, draft: AvailabilityDraft, expected: number | undefined, change: PolicyChange): Promise<StoredAvailability> {
    return this.write(async (tx) => {
      await lockClient(tx, clientId);
      const current = await readAvailability(tx, clientId);
      checkVersion('availability', current.version, expected);
      return saveAvailability(tx, clientId, draft, current.version, 'updated', change);
    });
  }

  optOut(clientId: string, types: readonly string[], change: PolicyChange): Promise<StoredAvailability> {
    return this.write(async (tx) => {
      await lockClient(tx, clientId);
      const current = await readAvailability(tx, clientId);
      const missing = types.filter((t) => !current.optedOut.includes(t));
      if (missing.length === 0) return current;
      return saveAvailability(tx, clientId, { ...current, optedOut: [...current.optedOut, ...missing] }, current.version, 'opted-out', change);
    });
  }

  async availabilityHistory(clientId: string): Promise<AvailabilityChange[]> {
    const { rows } = await this.pool.query<{
      seq: string;
      version: number;
      change: string;
      reason: string | null;
      changed_by: string;
      changed_at: Date;
      value: unknown;
    }>(`SELECT * FROM communication_policy_changes WHERE entity = 'availability' AND key = $1 ORDER BY seq DESC LIMIT 200`, [clientId]);
    return rows.map((r) => ({
      seq: Number(r.seq),
      version: r.version,
      change: r.change,
      ...(r.reason ? { reason: r.reason } : {}),
      by: r.changed_by,
      at: iso(r.changed_at),
      value: r.value,
    }));
  }

  private async write<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    const tx = await this.pool.connect();
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }
}

async function lockClient(tx: PoolClient, clientId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`communication-availability:${clientId}`]);
}

async function readAvailability(db: Db, clientId: string): Promise<StoredAvailability> {
  const { rows } = await db.query<AvailabilityRow>('SELECT * FROM communication_availability WHERE client_id = $1', [clientId]);
  return rows[0] ? toAvailability(rows[0]) : defaultAvailability(clientId);
}

async function saveAvailability(
  tx: PoolClient,
  clientId: string,
  draft: AvailabilityDraft,
  version: number,
  what: string,
  change: PolicyChange,
): Promise<StoredAvailability> {
  const periods = draft.blockedPeriods.map((p) => ({ from: p.from.toISOString(), ...(p.to ? { to: p.to.toISOString() } : {}) }));
  const { rows } = await tx.query<AvailabilityRow>(
    `INSERT INTO communication_availability (client_id, status, blocked_periods, quiet_start, quiet_end, time_zone, language, opted_out, version, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (client_id) DO UPDATE SET status = excluded.status, blocked_periods = excluded.blocked_periods, quiet_start = excluded.quiet_start,
       quiet_end = excluded.quiet_end, time_zone = excluded.time_zone, language = excluded.language, opted_out = excluded.opted_out,
       version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at
     RETURNING *`,
    [
      clientId,
      draft.status,
      JSON.stringify(periods),
      draft.quietHours?.start ?? null,
      draft.quietHours?.end ?? null,
      draft.quietHours?.timeZone ?? null,
      draft.language,
      draft.optedOut,
      version + 1,
      change.by,
      change.at,
    ],
  );
  const stored = toAvailability(rows[0]);
  await log(tx, 'availability', clientId, what, stored.version, stored, change);
  return stored;
}

async function log(tx: PoolClient, entity: string, key: string, change: string, version: number, value: unknown, by: PolicyChange): Promise<void> {
  await tx.query(
    `INSERT INTO communication_policy_changes (entity, key, change, version, value, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entity, key, change, version, value === null ? null : JSON.stringify(value), by.reason ?? null, by.by, by.at],
  );
}
