import type { AnalyticsBatch } from '../projection/analytics-batch';
import type { FactSource } from '../projection/analytics.projection';
import type { IncidentFact, RequestFact } from '../projection/analytics-rows';
import type { ClickHouseDatabase } from './clickhouse-database';
import { list, sql } from './sql';

export interface Checkpoint {
  readonly position: string;
  readonly events: number;
}

const IDS_PER_LOOKUP = 2_000;

const SLA_TIMES = ['sla_first_response_due_at', 'sla_resolution_due_at'] as const;
const REQUEST_TIMES = ['registered_at', 'status_since', 'updated_at', 'first_response_at', 'escalated_at', 'closed_at', ...SLA_TIMES] as const;
const INCIDENT_TIMES = [
  'opened_at',
  'status_since',
  'updated_at',
  'assigned_at',
  'started_at',
  'resolved_at',
  'closed_at',
  'cancelled_at',
  ...SLA_TIMES,
] as const;

/**
 * Reads and writes the analytics tables of one database. A batch goes in derived tables first
 * and facts last (the checkpoint follows, in PostgreSQL): a fact that is in ClickHouse means every
 * row its events derive is there too, which is what lets a replayed event be skipped on the
 * fact's revision.
 */
export class AnalyticsTables implements FactSource {
  constructor(private readonly database: ClickHouseDatabase) {}

  async writeBatch(batch: AnalyticsBatch): Promise<void> {
    await Promise.all([
      this.database.insert('status_changes', batch.statusChanges),
      this.database.insert('contacts', batch.contacts),
      this.database.insert('work_group_load', batch.workGroupLoad),
      this.database.insert('survey_sent', batch.surveySent),
      this.database.insert('survey_answers', batch.surveyAnswers),
      this.database.insert('pass_visits', batch.passVisits),
    ]);
    await Promise.all([
      this.database.insert('request_facts', [...batch.requestFacts.values()]),
      this.database.insert('incident_facts', [...batch.incidentFacts.values()]),
    ]);
  }

  /** The checkpoint `projection_checkpoints` held before checkpoints moved to PostgreSQL (read once, to import it). */
  async readCheckpoint(projection: string): Promise<Checkpoint | undefined> {
    // Aliases differ from the column names: ClickHouse would substitute an alias inside argMax.
    const rows = await this.database.rows<{ last_position: string; last_events: string }>(
      sql`SELECT argMax(position, version) AS last_position, argMax(events, version) AS last_events FROM projection_checkpoints WHERE projection = ${projection} HAVING count() > 0`,
    );
    if (rows.length === 0) return undefined;
    return { position: rows[0].last_position, events: Number(rows[0].last_events) };
  }

  async requestFacts(ids: readonly string[]): Promise<RequestFact[]> {
    const facts: RequestFact[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
      const rows = await this.database.rows<Record<string, unknown>>(
        sql`SELECT * FROM request_facts FINAL WHERE request_id IN ${list(ids.slice(i, i + IDS_PER_LOOKUP))}`,
      );
      for (const row of rows) facts.push(fromClickHouse(row, REQUEST_TIMES) as unknown as RequestFact);
    }
    return facts;
  }

  async incidentFacts(ids: readonly string[]): Promise<IncidentFact[]> {
    const facts: IncidentFact[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
      const rows = await this.database.rows<Record<string, unknown>>(
        sql`SELECT * FROM incident_facts FINAL WHERE incident_id IN ${list(ids.slice(i, i + IDS_PER_LOOKUP))}`,
      );
      for (const row of rows) facts.push(fromClickHouse(row, INCIDENT_TIMES) as unknown as IncidentFact);
    }
    return facts;
  }
}

/** JSONEachRow output: DateTime as 'YYYY-MM-DD hh:mm:ss' (UTC columns), UInt64 as a quoted number. */
function fromClickHouse(row: Record<string, unknown>, times: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row, revision: Number(row.revision) };
  for (const column of times) {
    const value = row[column];
    out[column] = typeof value === 'string' ? Math.floor(Date.parse(`${value.replace(' ', 'T')}Z`) / 1000) : null;
  }
  return out;
}
