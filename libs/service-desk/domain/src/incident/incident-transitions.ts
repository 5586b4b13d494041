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
  // The assignee may take a NEW incident straight to work.
  StartIncident: ['NEW', 'ASSIGNED'],
  PutIncidentOnHold: ['IN_WORK'],
  ResumeIncident: ['ON_HOLD'],
  AddNarrative: ['ASSIGNED', 'IN_WORK', 'ON_HOLD'],
  ResolveIncident: ['IN_WORK'],
  CloseIncident: ['RESOLVED'],
  UnlinkIncident: ACTIVE,
};

/** What an operator can do to an incident, by the command each action sends (the API's route names). */
export const incidentOperatorActions = {
  assign: 'AssignIncident',
  start: 'StartIncident',
  hold: 'PutIncidentOnHold',
  resume: 'ResumeIncident',
  narrative: 'AddNarrative',
  resolve: 'ResolveIncident',
  close: 'CloseIncident',
  unlink: 'UnlinkIncident',
} as const satisfies Record<string, IncidentCommandType>;

export type IncidentOperatorAction = keyof typeof incidentOperatorActions;

export const incidentCommandAllowedIn = (command: IncidentCommandType, state: IncidentStateOrNone): boolean => incidentTransitions[command].includes(state);

/** The operator actions the state machine allows in `state`, in the table's order. */
export function allowedIncidentActions(state: IncidentStateOrNone): IncidentOperatorAction[] {
  return (Object.keys(incidentOperatorActions) as IncidentOperatorAction[]).filter((action) => incidentCommandAllowedIn(incidentOperatorActions[action], state));
}
