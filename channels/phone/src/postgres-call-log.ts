import type { Pool } from 'pg';
import type { CallEvent } from './call-event';
import type { CallLog, CallRecord } from './call-log';

interface CallRow {
  call_id: string;
  caller: string;
  callee: string;
  agent: string | null;
  ringing_at: Date | null;
  answered_at: Date | null;
  answered_by: string | null;
  ended_at: Date | null;
  request_id: string | null;
  missed_at: Date | null;
}

/** A call that may still be declared missed: hung up, never answered, not a request yet. */
const WAITING_TO_BE_MISSED = 'missed_due_at IS NOT NULL AND answered_at IS NULL AND request_id IS NULL';

export class PostgresCallLog implements CallLog {
  constructor(private readonly pool: Pool) {}

  async record(event: CallEvent, caller: string, graceSeconds: number): Promise<CallRecord> {
    // The missed-call deadline is on the database's clock, the one every sweeping process reads.
    const { rows } = await this.pool.query<CallRow>(
      `INSERT INTO phone_calls (call_id, caller, callee, agent, ringing_at, answered_at, answered_by, ended_at, missed_due_at)
       VALUES ($1, $2, $3, $4,
               CASE WHEN $5 = 'ringing' THEN $6::timestamptz END,
               CASE WHEN $5 = 'answered' THEN $6::timestamptz END,
               CASE WHEN $5 = 'answered' THEN $4 END,
               CASE WHEN $5 = 'hangup' THEN $6::timestamptz END,
               CASE WHEN $5 = 'hangup' THEN now() + make_interval(secs => $7) END)
       ON CONFLICT (call_id) DO UPDATE SET
         agent = COALESCE(excluded.agent, phone_calls.agent),
         ringing_at = LEAST(phone_calls.ringing_at, excluded.ringing_at),
         answered_by = CASE WHEN excluded.answered_at < phone_calls.answered_at OR phone_calls.answered_at IS NULL THEN COALESCE(excluded.answered_by, phone_calls.answered_by) ELSE phone_calls.answered_by END,
         answered_at = LEAST(phone_calls.answered_at, excluded.answered_at),
         ended_at = LEAST(phone_calls.ended_at, excluded.ended_at),
         missed_due_at = CASE
           WHEN phone_calls.answered_at IS NOT NULL OR excluded.answered_at IS NOT NULL OR phone_calls.request_id IS NOT NULL OR phone_calls.missed_at IS NOT NULL THEN NULL
           ELSE COALESCE(phone_calls.missed_due_at, excluded.missed_due_at)
         END,
         updated_at = now()
       RETURNING *`,
      [event.callId, caller, event.to, event.agent ?? null, event.event, event.at, graceSeconds],
    );
    return toRecord(rows[0]);
  }

  async find(callId: string): Promise<CallRecord | undefined> {
    const { rows } = await this.pool.query<CallRow>('SELECT * FROM phone_calls WHERE call_id = $1', [callId]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async setRequest(callId: string, requestId: string): Promise<void> {
    await this.pool.query('UPDATE phone_calls SET request_id = $2, updated_at = now() WHERE call_id = $1', [callId, requestId]);
  }

  async declareNextMissedCall(declare: (call: CallRecord) => Promise<string>): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The row lock makes an "answered" event arriving meanwhile wait for the outcome, and then see it.
      const { rows } = await client.query<CallRow>(
        `SELECT * FROM phone_calls WHERE ${WAITING_TO_BE_MISSED} AND missed_due_at <= now()
         ORDER BY missed_due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!rows[0]) {
        await client.query('COMMIT');
        return false;
      }
      const requestId = await declare(toRecord(rows[0]));
      await client.query('UPDATE phone_calls SET request_id = $2, missed_at = now(), missed_due_at = NULL, updated_at = now() WHERE call_id = $1', [
        rows[0].call_id,
        requestId,
      ]);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async postponeMissedCall(callId: string, seconds: number): Promise<void> {
    await this.pool.query(`UPDATE phone_calls SET missed_due_at = now() + make_interval(secs => $2) WHERE call_id = $1 AND ${WAITING_TO_BE_MISSED}`, [
      callId,
      seconds,
    ]);
  }

  async nextMissedCallDueInMs(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ ms: number | null }>(
      `SELECT (EXTRACT(EPOCH FROM min(missed_due_at) - now()) * 1000)::float8 AS ms FROM phone_calls WHERE ${WAITING_TO_BE_MISSED}`,
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? undefined : Math.max(0, ms);
  }
}

function toRecord(row: CallRow): CallRecord {
  return {
    callId: row.call_id,
    caller: row.caller,
    callee: row.callee,
    ...(row.agent ? { agent: row.agent } : {}),
    ...(row.ringing_at ? { ringingAt: row.ringing_at } : {}),
    ...(row.answered_at ? { answeredAt: row.answered_at } : {}),
    ...(row.answered_by ? { answeredBy: row.answered_by } : {}),
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    ...(row.request_id ? { requestId: row.request_id } : {}),
    ...(row.missed_at ? { missedAt: row.missed_at } : {}),
  };
}
