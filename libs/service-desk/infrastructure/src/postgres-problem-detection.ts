import type { Pool } from 'pg';
import { decodePosition } from '@switchboard/eventstore';
import type { ProblemDetectionLedger, ProblemThreshold, ProblemThresholdStore, ServiceProblemThreshold } from '@switchboard/service-desk';

const pos = (position: string): [string, string] => {
  const { major, minor } = decodePosition(position);
  return [major.toString(), minor.toString()];
};

/** The detection ledger in PostgreSQL; positions as (major, minor) pairs, compared as rows. */
export class PostgresProblemDetectionLedger implements ProblemDetectionLedger {
  constructor(private readonly pool: Pool) {}

  async recordIncident(incident: { incidentId: string; serviceCode: number; openedAt: Date; position: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO problem_detection_incidents (incident_id, service_code, opened_at, position_major, position_minor)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (incident_id) DO NOTHING`,
      [incident.incidentId, incident.serviceCode, incident.openedAt, ...pos(incident.position)],
    );
  }

  async recordProblemOpened(problemId: string, serviceCode: number, position: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO problem_detection_problems (problem_id, service_code, opened_major, opened_minor) VALUES ($1, $2, $3, $4)
       ON CONFLICT (problem_id) DO NOTHING`,
      [problemId, serviceCode, ...pos(position)],
    );
  }

  async recordProblemClosed(problemId: string, position: string): Promise<void> {
    await this.pool.query(`UPDATE problem_detection_problems SET closed_major = $2, closed_minor = $3 WHERE problem_id = $1 AND closed_major IS NULL`, [
      problemId,
      ...pos(position),
    ]);
  }

  async openProblemAt(serviceCode: number, position: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ problem_id: string }>(
      `SELECT problem_id FROM problem_detection_problems
        WHERE service_code = $1 AND (opened_major, opened_minor) < ($2::numeric, $3::numeric)
          AND (closed_major IS NULL OR (closed_major, closed_minor) > ($2::numeric, $3::numeric))
        ORDER BY opened_major DESC, opened_minor DESC LIMIT 1`,
      [serviceCode, ...pos(position)],
    );
    return rows[0]?.problem_id;
  }

  async incidentsInWindow(serviceCode: number, from: Date, position: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ incident_id: string }>(
      `WITH last_closed AS (
         SELECT closed_major AS major, closed_minor AS minor FROM problem_detection_problems
          WHERE service_code = $1 AND closed_major IS NOT NULL AND (closed_major, closed_minor) <= ($3::numeric, $4::numeric)
          ORDER BY closed_major DESC, closed_minor DESC LIMIT 1)
       SELECT incident_id FROM problem_detection_incidents i
        WHERE service_code = $1 AND opened_at >= $2 AND (position_major, position_minor) <= ($3::numeric, $4::numeric)
          AND NOT EXISTS (SELECT 1 FROM last_closed c WHERE (i.position_major, i.position_minor) <= (c.major, c.minor))
        ORDER BY position_major, position_minor`,
      [serviceCode, from, ...pos(position)],
    );
    return rows.map((r) => r.incident_id);
  }
}

interface ThresholdRow {
  service_code: number;
  incidents: number;
  window_minutes: number;
  updated_by: string;
  updated_at: Date;
}

const toThreshold = (r: ThresholdRow): ServiceProblemThreshold => ({
  serviceCode: r.service_code,
  incidents: r.incidents,
  windowMinutes: r.window_minutes,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export class PostgresProblemThresholdStore implements ProblemThresholdStore {
  constructor(private readonly pool: Pool) {}

  async list(): Promise<ServiceProblemThreshold[]> {
    const { rows } = await this.pool.query<ThresholdRow>('SELECT * FROM problem_thresholds ORDER BY service_code');
    return rows.map(toThreshold);
  }

  async get(serviceCode: number): Promise<ServiceProblemThreshold | undefined> {
    const { rows } = await this.pool.query<ThresholdRow>('SELECT * FROM problem_thresholds WHERE service_code = $1', [serviceCode]);
    return rows[0] && toThreshold(rows[0]);
  }

  async set(serviceCode: number, threshold: ProblemThreshold, by: string, now: Date): Promise<ServiceProblemThreshold> {
    const { rows } = await this.pool.query<ThresholdRow>(
      `INSERT INTO problem_thresholds (service_code, incidents, window_minutes, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (service_code) DO UPDATE SET incidents = excluded.incidents, window_minutes = excluded.window_minutes,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       RETURNING *`,
      [serviceCode, threshold.incidents, threshold.windowMinutes, by, now],
    );
    return toThreshold(rows[0]);
  }

  async remove(serviceCode: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM problem_thresholds WHERE service_code = $1', [serviceCode]);
    return (rowCount ?? 0) > 0;
  }
}
