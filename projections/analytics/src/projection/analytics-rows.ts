/**
 * Rows of the analytics tables (deploy/clickhouse), named as the columns are so they go to
 * ClickHouse as JSONEachRow unchanged. Times are whole UTC seconds since the epoch: every duration
 * is a difference of whole seconds, so replaying an event yields exactly the row it did before.
 */

export type UnixSeconds = number;

/** A fact while its next version is being filled in, before it is handed on as read-only. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface RequestFact {
  readonly request_id: string;
  readonly revision: number;
  readonly status: string;
  readonly channel: string;
  readonly department: string;
  readonly subject: string;
  readonly client_id: string;
  readonly assignee_id: string;
  readonly registered_at: UnixSeconds;
  readonly registered_by: string;
  readonly status_since: UnixSeconds;
  readonly updated_at: UnixSeconds;
  readonly first_response_at: UnixSeconds | null;
  readonly first_response_seconds: number | null;
  readonly escalated_at: UnixSeconds | null;
  readonly incident_id: string;
  readonly service_code: number;
  readonly closed_at: UnixSeconds | null;
  readonly resolution_seconds: number | null;
  readonly close_reason: string;
  readonly messages_in: number;
  readonly replies_out: number;
}

export interface IncidentFact {
  readonly incident_id: string;
  readonly revision: number;
  readonly request_id: string;
  readonly status: string;
  readonly service_code: number;
  readonly work_group_code: number;
  readonly department: string;
  readonly assignee_id: string;
  readonly opened_at: UnixSeconds;
  readonly opened_by: string;
  readonly status_since: UnixSeconds;
  readonly updated_at: UnixSeconds;
  readonly assigned_at: UnixSeconds | null;
  readonly started_at: UnixSeconds | null;
  readonly first_response_seconds: number | null;
  readonly resolved_at: UnixSeconds | null;
  readonly resolution_seconds: number | null;
  readonly closed_at: UnixSeconds | null;
  readonly cancelled_at: UnixSeconds | null;
  readonly cancel_reason: string;
  readonly hold_count: number;
  readonly reopen_count: number;
}

export interface StatusChangeRow {
  readonly entity: 'request' | 'incident';
  readonly entity_id: string;
  readonly revision: number;
  readonly at: UnixSeconds;
  readonly by: string;
  readonly event_type: string;
  readonly from_status: string;
  readonly to_status: string;
  readonly seconds_in_previous: number;
  readonly department: string;
  readonly work_group_code: number;
  readonly service_code: number;
}

export interface ContactRow {
  readonly at: UnixSeconds;
  readonly channel: string;
  readonly request_id: string;
  readonly revision: number;
  readonly message_id: string;
  readonly department: string;
  readonly first_message: 0 | 1;
}

export interface WorkGroupLoadRow {
  readonly at: UnixSeconds;
  readonly work_group_code: number;
  readonly assignee_id: string;
  readonly incident_id: string;
  readonly revision: number;
  readonly slot: 0 | 1;
  readonly delta: 1 | -1;
  readonly department: string;
}

/** What one event adds to the tables besides the new version of its entity's fact. */
export interface DerivedRows {
  readonly statusChanges: StatusChangeRow[];
  readonly contacts: ContactRow[];
  readonly workGroupLoad: WorkGroupLoadRow[];
}

/** ISO-8601 (`at` of every event) to whole UTC seconds. */
export function toUnixSeconds(iso: string): UnixSeconds {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 time: '${iso}'`);
  return Math.floor(ms / 1000);
}

export function secondsBetween(from: UnixSeconds, to: UnixSeconds): number {
  return Math.max(0, to - from);
}
