import {
  asIncidentEvent,
  asRequestEvent,
  assignedByOf,
  incidentStateEventTypes,
  requestStateEventTypes,
  stateChangeOf,
} from '@switchboard/service-desk/domain';
import type { IncidentEvent, RequestEvent } from '@switchboard/service-desk/domain';
import type { Projection } from '../framework/projection';
import { serviceDeskStreams } from '../framework/projection';

/** What one entry of an entity's history records besides who and when. */
interface HistoryFacts {
  readonly from: string | null;
  /** Null when the state stayed (a reassignment, a department move). */
  readonly to: string | null;
  readonly assigneeId: string | null;
  /** The department the event puts the request in; kept in a row only when it moves there. */
  readonly department: string | null;
  /** Why: the hold, closure or cancellation reason, the resolution, or the escalation's summary for L3. */
  readonly reason: string | null;
  /** How an assignment came about: manual, take, round-robin, least-loaded. */
  readonly assignedBy?: string;
  /** A priority change: the new priority and the one before. */
  readonly priority?: string;
  readonly previousPriority?: string;
}

function historyFactsOf(event: RequestEvent | IncidentEvent): HistoryFacts | undefined {
  const change = stateChangeOf(event);
  const base = { from: change?.from ?? null, to: change?.to ?? null, assigneeId: null, department: null, reason: null };
  switch (event.type) {
    case 'RequestRegistered':
      // A routed request's first entry says which rule sent it to its department.
      return { ...base, department: event.data.department ?? null, reason: event.data.routedBy ? `routing rule: ${event.data.routedBy.ruleName}` : null };
    case 'RequestAssigned':
      return { ...base, assigneeId: event.data.assigneeId, department: event.data.department ?? null, assignedBy: assignedByOf(event.data).kind };
    case 'IncidentAssigned':
      return { ...base, assigneeId: event.data.assigneeId, assignedBy: assignedByOf(event.data).kind };
    case 'IncidentStarted':
      return { ...base, assigneeId: event.data.assigneeId };
    case 'RequestPrioritySet':
    case 'IncidentPrioritySet':
      return { ...base, priority: event.data.priority, previousPriority: event.data.previous };
    case 'RequestClosed':
    case 'RequestReopened':
    case 'IncidentReopened':
    case 'IncidentPutOnHold':
    case 'IncidentCancelled':
      return { ...base, reason: event.data.reason };
    case 'IncidentResolved':
      return { ...base, reason: event.data.resolution };
    case 'RequestEscalated':
      return { ...base, reason: event.data.summary ?? null };
    default:
      return change ? base : undefined;
  }
}

/**
 * One row per change of a request or an incident that its history shows: every state change, every
 * (re)assignment (and how it came about), every priority change, every department move, with the reason where there is one. The row's key is the
 * event's stream and revision, so the key itself is the revision guard: a replayed event inserts
 * nothing. A department is kept only where the request moves (the first row, then each move, with
 * the department it left), found from the entity's own earlier rows.
 */
export const statusHistoryProjection: Projection = {
  name: 'status-history',
  version: 4,
  tables: ['rm_status_history'],
  filter: serviceDeskStreams,
  handles: [...requestStateEventTypes, 'RequestPrioritySet', ...incidentStateEventTypes, 'IncidentPrioritySet'],

  async apply(tx, recorded) {
    const request = recorded.streamId.startsWith('request-') ? asRequestEvent(recorded) : undefined;
    const event = request ?? (recorded.streamId.startsWith('incident-') ? asIncidentEvent(recorded) : undefined);
    const facts = event ? historyFactsOf(event) : undefined;
    if (!event || !facts) return;
    const entityType = request ? 'request' : 'incident';
    const entityId = recorded.streamId.slice(entityType.length + 1);
    await tx.query(
      `INSERT INTO rm_status_history (entity_type, entity_id, revision, event_type, from_state, to_state, changed_by, changed_at,
                                      assignee_id, department, previous_department, reason, assigned_by, priority, previous_priority)
       SELECT $1, $2::uuid, $3::bigint, $4, $5, $6, $7, date_trunc('milliseconds', $8::timestamptz), $9,
              CASE WHEN $10::text IS DISTINCT FROM before.department THEN $10::text END,
              CASE WHEN $10::text IS DISTINCT FROM before.department THEN before.department END, $11, $12, $13, $14
         FROM (VALUES (1)) AS one (n)
         LEFT JOIN LATERAL (SELECT h.department FROM rm_status_history h
                             WHERE h.entity_type = $1 AND h.entity_id = $2::uuid AND h.revision < $3::bigint AND h.department IS NOT NULL
                             ORDER BY h.revision DESC LIMIT 1) before ON $10::text IS NOT NULL
       ON CONFLICT (entity_type, entity_id, revision) DO NOTHING`,
      [
        entityType,
        entityId,
        recorded.revision.toString(),
        recorded.type,
        facts.from,
        facts.to,
        event.data.by,
        event.data.at,
        facts.assigneeId,
        facts.department,
        facts.reason,
        facts.assignedBy ?? null,
        facts.priority ?? null,
        facts.previousPriority ?? null,
      ],
    );
  },
};
