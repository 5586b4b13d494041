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
  ended_at: Date | null;
  request_id: string | null;
}

export class PostgresCallLog implements CallLog {
  constructor(private readonly pool: Pool) {}

  async record(event: CallEvent, caller: string): Promise<CallRecord> {
    const { rows } = await this.pool.query<CallRow>(
      `INSERT INTO phone_calls (call_id, caller, callee, agent, ringing_at, answered_at, ended_at)
       VALUES ($1, $2, $3, $4,
               CASE WHEN $5 = 'ringing' THEN $6::timestamptz END,
               CASE WHEN $5 = 'answered' THEN $6::timestamptz END,
               CASE WHEN $5 = 'hangup' THEN $6::timestamptz END)
       ON CONFLICT (call_id) DO UPDATE SET
         agent = COALESCE(excluded.agent, phone_calls.agent),
         ringing_at = LEAST(phone_calls.ringing_at, excluded.ringing_at),
         answered_at = LEAST(phone_calls.answered_at, excluded.answered_at),
         ended_at = LEAST(phone_calls.ended_at, excluded.ended_at),
         updated_at = now()
       RETURNING *`,
      [event.callId, caller, event.to, event.agent ?? null, event.event, event.at],
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
}

function toRecord(row: CallRow): CallRecord {
  return {
    callId: row.call_id,
    caller: row.caller,
    callee: row.callee,
    ...(row.agent ? { agent: row.agent } : {}),
    ...(row.ringing_at ? { ringingAt: row.ringing_at } : {}),
    ...(row.answered_at ? { answeredAt: row.answered_at } : {}),
    ...(row.ended_at ? { endedAt: row.ended_at } : {}),
    ...(row.request_id ? { requestId: row.request_id } : {}),
  };
}
