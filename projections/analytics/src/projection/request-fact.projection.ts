import { assertNever } from '@switchboard/kernel';
import { stateChangeOf } from '@switchboard/service-desk/domain';
import type { RequestEvent } from '@switchboard/service-desk/domain';
import { noSla, secondsBetween, slaColumnsOf, toUnixSeconds } from './analytics-rows';
import type { DerivedRows, Mutable, RequestFact } from './analytics-rows';

export interface RequestProjected {
  readonly fact: RequestFact;
  readonly rows: DerivedRows;
}

/**
 * The request's fact after one more event, and the rows the event adds. Pure. `fact` is the row
 * as it stood before (undefined before RequestRegistered); the caller has already dropped events
 * the fact has seen (revision not above the fact's).
 */
export function projectRequestEvent(fact: RequestFact | undefined, event: RequestEvent, revision: number): RequestProjected | undefined {
  const at = toUnixSeconds(event.data.at);
  const rows: DerivedRows = { statusChanges: [], contacts: [], workGroupLoad: [] };
  if (event.type === 'RequestRegistered') {
    const d = event.data;
    const registered: RequestFact = {
      request_id: d.requestId,
      revision,
      status: 'NEW',
      channel: d.contact.channel,
      department: d.department ?? '',
      subject: d.subject ?? '',
      client_id: d.clientId ?? '',
      assignee_id: '',
      registered_at: at,
      registered_by: d.by,
      status_since: at,
      updated_at: at,
      first_response_at: null,
      first_response_seconds: null,
      escalated_at: null,
      incident_id: '',
      service_code: 0,
      closed_at: null,
      resolution_seconds: null,
      close_reason: '',
      messages_in: 0,
      replies_out: 0,
      ...noSla,
      site_slug: d.siteSlug ?? '',
      building_id: d.buildingId ?? '',
      unit_id: d.unitId ?? '',
    };
    return { fact: registered, rows };
  }
  // A later event of a request this projection never saw registered: nothing to build on.
  if (!fact) return undefined;

  // One copy per event, filled in place: the fold runs a million times in a rebuild.
  const next: Mutable<RequestFact> = { ...fact, revision, updated_at: at };
  switch (event.type) {
    case 'RequestAssigned':
      next.assignee_id = event.data.assigneeId;
      next.department = event.data.department ?? next.department;
      break;
    case 'ClientLinked':
      next.client_id = event.data.clientId;
      break;
    case 'RequestUnitSet':
      // Chosen after registration (the Telegram bot's question): the site reports follow it.
      next.site_slug = event.data.siteSlug;
      next.building_id = event.data.buildingId;
      next.unit_id = event.data.unitId;
      break;
    case 'OrderLinked':
    case 'RequestPrioritySet':
    case 'ClientNotified':
    case 'OutboundScheduled':
    case 'OutboundSent':
    case 'OutboundDelivered':
    case 'OutboundFailed':
      break;
    case 'RequestSlaClockSet':
      Object.assign(next, slaColumnsOf(event.data.clock));
      break;
    case 'RequestSlaWarning':
      next.sla_warned = 1;
      break;
    case 'RequestSlaBreached':
      if (event.data.target === 'firstResponse') next.sla_first_response_breached = 1;
      else next.sla_resolution_breached = 1;
      break;
    case 'MessageReceived':
      rows.contacts.push({
        at: toUnixSeconds(event.data.receivedAt),
        channel: event.data.channel,
        request_id: fact.request_id,
        revision,
        message_id: event.data.messageId,
        department: next.department,
        first_message: fact.messages_in === 0 ? 1 : 0,
      });
      next.messages_in += 1;
      break;
    case 'ReplySent':
      next.replies_out += 1;
      if (next.first_response_at === null) {
        next.first_response_at = at;
        next.first_response_seconds = secondsBetween(next.registered_at, at);
      }
      break;
    case 'RequestEscalated':
      next.escalated_at = at;
      next.incident_id = event.data.incidentId;
      next.service_code = event.data.serviceCode;
      break;
    case 'RequestClosed':
      next.closed_at = at;
      next.resolution_seconds = secondsBetween(next.registered_at, at);
      next.close_reason = event.data.reason;
      next.incident_id = event.data.incidentId ?? next.incident_id;
      break;
    case 'RequestReopened':
      // Open again: it closes (and counts its resolution time) anew.
      next.closed_at = null;
      next.resolution_seconds = null;
      next.close_reason = '';
      break;
    default:
      return assertNever(event);
  }

  // A move of the state machine; the creation is a fact of its own, not a status change.
  const transition = stateChangeOf(event);
  if (transition && transition.from !== null) {
    rows.statusChanges.push({
      entity: 'request',
      entity_id: fact.request_id,
      revision,
      at,
      by: event.data.by,
      event_type: event.type,
      from_status: transition.from,
      to_status: transition.to,
      seconds_in_previous: secondsBetween(fact.status_since, at),
      department: next.department,
      work_group_code: 0,
      service_code: next.service_code,
    });
    next.status = transition.to;
    next.status_since = at;
  }
  return { fact: next, rows };
}
