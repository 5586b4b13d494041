import type { IncidentCommandType } from './incident.commands';
import type { IncidentStatus } from './incident-status';

export type IncidentStateOrNone = IncidentStatus | 'NONE';

const ACTIVE: readonly IncidentStatus[] = ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED'];

/**
 * The incident's state machine as data: in which states each command may run. The decider
 * refuses a command in any other state; the API's `allowedActions` reads the same table.
 */
export const incidentTransitions: { readonly [C in IncidentCommandType]: readonly IncidentStateOrNone[] } = {
  OpenIncident: ['NONE'],
  AssignIncident: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  // Unassigned means NEW: every other state has an assignee.
  TakeIncident: ['NEW'],
  AutoAssignIncident: ['NEW'],
  SetIncidentPriority: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  // The assignee may take a NEW incident straight to work.
  StartIncident: ['NEW', 'ASSIGNED'],
  PutIncidentOnHold: ['IN_WORK'],
  ResumeIncident: ['ON_HOLD'],
  AddNarrative: ['ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  ResolveIncident: ['IN_WORK'],
  ResolveIncidentForProblem: ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  ReopenIncident: ['RESOLVED'],
  CloseIncident: ['RESOLVED'],
  UnlinkIncident: ACTIVE,
  SetIncidentSlaClock: [...ACTIVE, 'CLOSED', 'CANCELLED'],
  RecordIncidentSlaMark: [...ACTIVE, 'CLOSED', 'CANCELLED'],
};

/** What an operator can do to an incident, by the command each action sends (the API's route names). */
export const incidentOperatorActions = {
  assign: 'AssignIncident',
  take: 'TakeIncident',
  'set-priority': 'SetIncidentPriority',
  start: 'StartIncident',
  hold: 'PutIncidentOnHold',
  resume: 'ResumeIncident',
  narrative: 'AddNarrative',
  resolve: 'ResolveIncident',
  reopen: 'ReopenIncident',
  close: 'CloseIncident',
  unlink: 'UnlinkIncident',
} as const satisfies Record<string, IncidentCommandType>;

export type IncidentOperatorAction = keyof typeof incidentOperatorActions;

export const incidentCommandAllowedIn = (command: IncidentCommandType, state: IncidentStateOrNone): boolean => incidentTransitions[command].includes(state);

/** The operator actions the state machine allows in `state`, in the table's order. */
export function allowedIncidentActions(state: IncidentStateOrNone): IncidentOperatorAction[] {
  return (Object.keys(incidentOperatorActions) as IncidentOperatorAction[]).filter((action) =>
    incidentCommandAllowedIn(incidentOperatorActions[action], state),
  );
}

/** Operator actions in the table's order: the values of the API's `allowedActions`. */
export const incidentOperatorActionNames = Object.keys(incidentOperatorActions) as [IncidentOperatorAction, ...IncidentOperatorAction[]];

/** What a caller may do to an incident beyond the state machine (the application's access rules, as the API knows them). */
export interface IncidentCaller {
  /** Acts on the incident (full access). */
  readonly mayChange: boolean;
  /** Works the queue the incident is in (an L3 engineer of its work group). */
  readonly mayTake: boolean;
  /** Sets priorities (an L3 manager of its work group). */
  readonly maySetPriority: boolean;
}

/** What the API accepts from this operator on this incident right now: as for requests, "take" to whoever works its queue, priorities from managers. */
export function incidentActionsFor(state: IncidentStateOrNone, caller: IncidentCaller): IncidentOperatorAction[] {
  return allowedIncidentActions(state).filter((action) => {
    if (action === 'take') return caller.mayTake;
    if (!caller.mayChange) return false;
    return action !== 'set-priority' || caller.maySetPriority;
  });
}
