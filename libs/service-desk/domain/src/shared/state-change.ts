import type { IncidentEvent, IncidentEventType } from '../incident/incident.events';
import type { IncidentStatus } from '../incident/incident-status';
import type { RequestEvent, RequestEventType } from '../request/request.events';
import type { RequestStatus } from '../request/request-status';

/** A move of the state machine an event records; the creation counts, from nothing to NEW. */
export interface StateChange<Status extends string = RequestStatus | IncidentStatus> {
  readonly from: Status | null;
  readonly to: Status;
}

// Exhaustive on purpose: a new event type must say whether it can move the state.
const requestEventMovesState: { readonly [T in RequestEventType]: boolean } = {
  RequestRegistered: true,
  RequestAssigned: true,
  RequestPrioritySet: false,
  ClientLinked: false,
  OrderLinked: false,
  RequestUnitSet: false,
  MessageReceived: false,
  ReplySent: false,
  RequestEscalated: true,
  RequestClosed: true,
  RequestReopened: true,
  ClientNotified: false,
  OutboundScheduled: false,
  OutboundSent: false,
  OutboundDelivered: false,
  OutboundFailed: false,
  RequestSlaClockSet: false,
  RequestSlaWarning: false,
  RequestSlaBreached: false,
};

const incidentEventMovesState: { readonly [T in IncidentEventType]: boolean } = {
  IncidentOpened: true,
  IncidentAssigned: true,
  IncidentPrioritySet: false,
  IncidentStarted: true,
  IncidentPutOnHold: true,
  IncidentResumed: true,
  NarrativeAdded: false,
  IncidentResolved: true,
  IncidentReopened: true,
  IncidentClosed: true,
  IncidentCancelled: true,
  IncidentSlaClockSet: false,
  IncidentSlaWarning: false,
  IncidentSlaBreached: false,
};

const movers = <T extends string>(table: { readonly [K in T]: boolean }): T[] => (Object.keys(table) as T[]).filter((type) => table[type]);

/** Request events that can move the request's state (an assignment moves it only from NEW). */
export const requestStateEventTypes: readonly RequestEventType[] = movers(requestEventMovesState);

/** Incident events that can move the incident's state (a reassignment moves it only from NEW). */
export const incidentStateEventTypes: readonly IncidentEventType[] = movers(incidentEventMovesState);

/** The state change an event records, if it records one. */
export function stateChangeOf(event: RequestEvent): StateChange<RequestStatus> | undefined;
export function stateChangeOf(event: IncidentEvent): StateChange<IncidentStatus> | undefined;
export function stateChangeOf(event: RequestEvent | IncidentEvent): StateChange | undefined;
export function stateChangeOf(event: RequestEvent | IncidentEvent): StateChange | undefined {
  if (event.type === 'RequestRegistered' || event.type === 'IncidentOpened') return { from: null, to: 'NEW' };
  return 'transition' in event.data ? event.data.transition : undefined;
}
