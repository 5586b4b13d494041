import type { SlaClock } from '@switchboard/service-desk/domain';
/**
 * Rows of the analytics tables (deploy/clickhouse), named as the columns are so they go to
 * ClickHouse as JSONEachRow unchanged. Times are whole UTC seconds since the epoch: every duration
 * is a difference of whole seconds, so replaying an event yields exactly the row it did before.
 */

export type UnixSeconds = number;

/** One entry at the security desk (`pass_visits`): written at the check-in, again at the check-out. */
export interface PassVisitRow {
  readonly site_slug: string;
  readonly pass_id: string;
  readonly visit: number;
  readonly revision: number;
  readonly checked_in_at: UnixSeconds;
  readonly checked_in_by: string;
  readonly checked_out_at: UnixSeconds | null;
  readonly checked_out_by: string;
  readonly overstayed: 0 | 1;
}

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
  /** The SLA (ADR 0021): policy name, due times and clock status per target ('' without a policy), marks recorded. */
  readonly sla_policy: string;
  readonly sla_first_response_due_at: UnixSeconds | null;
  readonly sla_first_response_status: string;
  readonly sla_resolution_due_at: UnixSeconds | null;
  readonly sla_resolution_status: string;
  readonly sla_warned: number;
  readonly sla_first_response_breached: number;
  readonly sla_resolution_breached: number;
  /** Where it is (ADR 0028): the site's slug, the building and unit ids; '' when registered for no place. */
  readonly site_slug: string;
  readonly building_id: string;
  readonly unit_id: string;
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
  /** The SLA (ADR 0021): policy name, due times and clock status per target ('' without a policy), marks recorded. */
  readonly sla_policy: string;
  readonly sla_first_response_due_at: UnixSeconds | null;
  readonly sla_first_response_status: string;
  readonly sla_resolution_due_at: UnixSeconds | null;
  readonly sla_resolution_status: string;
  readonly sla_warned: number;
  readonly sla_first_response_breached: number;
  readonly sla_resolution_breached: number;
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

/** A survey sent (ADR 0027): what its answers are grouped by. */
export interface SurveySentRow {
  readonly communication_id: string;
  readonly questionnaire_id: string;
  readonly questionnaire_version: number;
  readonly department: string;
  readonly service_code: number;
  readonly request_id: string;
  readonly client_id: string;
  readonly language: string;
  readonly sent_at: UnixSeconds;
  readonly revision: number;
}

/** One question's latest answer; `score` -1 when the question has none (choices, text). */
export interface SurveyAnswerRow {
  readonly communication_id: string;
  readonly question_id: string;
  readonly kind: string;
  readonly score: number;
  readonly options: readonly string[];
  readonly has_text: 0 | 1;
  readonly channel: string;
  readonly answered_at: UnixSeconds;
  readonly revision: number;
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

/** The SLA columns of a fact before any SLA event. */
export const noSla = {
  sla_policy: '',
  sla_first_response_due_at: null,
  sla_first_response_status: '',
  sla_resolution_due_at: null,
  sla_resolution_status: '',
  sla_warned: 0,
  sla_first_response_breached: 0,
  sla_resolution_breached: 0,
} as const;

/** The SLA columns a clock sets (the marks stay as recorded). */
export function slaColumnsOf(
  clock: SlaClock,
): Pick<RequestFact, 'sla_policy' | 'sla_first_response_due_at' | 'sla_first_response_status' | 'sla_resolution_due_at' | 'sla_resolution_status'> {
  const due = (iso: string | undefined) => (iso ? toUnixSeconds(iso) : null);
  return {
    sla_policy: clock.policyName,
    sla_first_response_due_at: due(clock.firstResponse?.dueAt),
    sla_first_response_status: clock.firstResponse?.status ?? '',
    sla_resolution_due_at: due(clock.resolution?.dueAt),
    sla_resolution_status: clock.resolution?.status ?? '',
  };
}
