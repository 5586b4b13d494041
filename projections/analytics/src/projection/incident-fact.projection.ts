import { assertNever } from '@switchboard/kernel';
import { stateChangeOf } from '@switchboard/service-desk/domain';
import type { IncidentEvent } from '@switchboard/service-desk/domain';
import { noSla, secondsBetween, slaColumnsOf, toUnixSeconds } from './analytics-rows';
import type { DerivedRows, IncidentFact, Mutable, WorkGroupLoadRow } from './analytics-rows';

export interface IncidentProjected {
  readonly fact: IncidentFact;
  readonly rows: DerivedRows;
}

/** States in which an incident is on its work group's (and its assignee's) plate. */
const ACTIVE = new Set(['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD']);
const FINISHED = new Set(['RESOLVED', 'CLOSED']);

/**
 * The incident's fact after one more event, and the rows the event adds. Pure. `requestDepartment`
 * is the department of the incident's request, looked up by the caller for IncidentOpened.
 */
export function projectIncidentEvent(
  fact: IncidentFact | undefined,
  event: IncidentEvent,
  revision: number,
  requestDepartment: string,
): IncidentProjected | undefined {
  const at = toUnixSeconds(event.data.at);
  const rows: DerivedRows = { statusChanges: [], contacts: [], workGroupLoad: [] };
  if (event.type === 'IncidentOpened') {
    const d = event.data;
    const opened: IncidentFact = {
      incident_id: d.incidentId,
      revision,
      request_id: d.requestId,
      status: 'NEW',
      service_code: d.serviceCode,
      work_group_code: d.workGroupCode,
      department: requestDepartment,
      assignee_id: '',
      opened_at: at,
      opened_by: d.by,
      status_since: at,
      updated_at: at,
      assigned_at: null,
      started_at: null,
      first_response_seconds: null,
      resolved_at: null,
      resolution_seconds: null,
      closed_at: null,
      cancelled_at: null,
      cancel_reason: '',
      hold_count: 0,
      reopen_count: 0,
      ...noSla,
    };
    rows.workGroupLoad.push(loadRow(opened, at, revision, 0, 1, ''));
    return { fact: opened, rows };
  }
  if (!fact) return undefined;

  // One copy per event, filled in place: the fold runs a million times in a rebuild.
  const next: Mutable<IncidentFact> = { ...fact, revision, updated_at: at };
  switch (event.type) {
    case 'IncidentAssigned':
      next.assignee_id = event.data.assigneeId;
      next.assigned_at ??= at;
      break;
    case 'IncidentStarted':
      next.assignee_id = event.data.assigneeId;
      next.assigned_at ??= at;
      if (next.started_at === null) {
        next.started_at = at;
        next.first_response_seconds = secondsBetween(next.opened_at, at);
      }
      break;
    case 'IncidentPutOnHold':
      next.hold_count += 1;
      break;
    case 'IncidentResumed':
    case 'IncidentPrioritySet':
    case 'NarrativeAdded':
      break;
    case 'IncidentSlaClockSet':
      Object.assign(next, slaColumnsOf(event.data.clock));
      break;
    case 'IncidentSlaWarning':
      next.sla_warned = 1;
      break;
    case 'IncidentSlaBreached':
      if (event.data.target === 'firstResponse') next.sla_first_response_breached = 1;
      else next.sla_resolution_breached = 1;
      break;
    case 'IncidentResolved':
      next.resolved_at = at;
      next.resolution_seconds = secondsBetween(next.opened_at, at);
      break;
    case 'IncidentReopened':
      next.resolved_at = null;
      next.resolution_seconds = null;
      break;
    case 'IncidentClosed':
      next.closed_at = at;
      break;
    case 'IncidentCancelled':
      next.cancelled_at = at;
      next.cancel_reason = event.data.reason;
      break;
    default:
      return assertNever(event);
  }

  // A move of the state machine; the creation is a fact of its own, not a status change.
  const transition = stateChangeOf(event);
  if (transition && transition.from !== null) {
    if (FINISHED.has(transition.from) && ACTIVE.has(transition.to)) next.reopen_count += 1;
    rows.statusChanges.push({
      entity: 'incident',
      entity_id: fact.incident_id,
      revision,
      at,
      by: event.data.by,
      event_type: event.type,
      from_status: transition.from,
      to_status: transition.to,
      seconds_in_previous: secondsBetween(fact.status_since, at),
      department: next.department,
      work_group_code: next.work_group_code,
      service_code: next.service_code,
    });
    next.status = transition.to;
    next.status_since = at;
  }

  const wasLoaded = ACTIVE.has(fact.status);
  const isLoaded = ACTIVE.has(next.status);
  if (wasLoaded && isLoaded && fact.assignee_id !== next.assignee_id) {
    rows.workGroupLoad.push(loadRow(next, at, revision, 0, -1, fact.assignee_id), loadRow(next, at, revision, 1, 1, next.assignee_id));
  } else if (wasLoaded && !isLoaded) {
    rows.workGroupLoad.push(loadRow(next, at, revision, 0, -1, fact.assignee_id));
  } else if (!wasLoaded && isLoaded) {
    rows.workGroupLoad.push(loadRow(next, at, revision, 0, 1, next.assignee_id));
  }
  return { fact: next, rows };
}

function loadRow(fact: IncidentFact, at: number, revision: number, slot: 0 | 1, delta: 1 | -1, assigneeId: string): WorkGroupLoadRow {
  return {
    at,
    work_group_code: fact.work_group_code,
    assignee_id: assigneeId,
    incident_id: fact.incident_id,
    revision,
    slot,
    delta,
    department: fact.department,
  };
}
