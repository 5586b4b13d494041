import type { RequestCommandType } from './request.commands';
import type { RequestStatus } from './request-status';

/** A state a command may meet: one of the request's states, or `NONE` before it exists. */
export type RequestStateOrNone = RequestStatus | 'NONE';

const OPEN: readonly RequestStatus[] = ['NEW', 'IN_PROGRESS', 'ESCALATED'];

/**
 * The request's state machine as data: in which states each command may run. The decider refuses
 * a command in any other state (IllegalTransitionError); the API's `allowedActions`, the read
 * models and the integration events read the same table.
 */
export const requestTransitions: { readonly [C in RequestCommandType]: readonly RequestStateOrNone[] } = {
  RegisterRequest: ['NONE'],
  AssignRequest: OPEN,
  LinkClient: OPEN,
  LinkOrder: OPEN,
  ReceiveMessage: OPEN,
  SendReply: OPEN,
  EscalateRequest: ['IN_PROGRESS'],
  CloseRequest: ['NEW', 'IN_PROGRESS'],
  CloseRequestForIncident: ['ESCALATED'],
  NotifyClient: [...OPEN, 'CLOSED'],
  RecordOutboundOutcome: [...OPEN, 'CLOSED'],
};

/** What an operator can do to a request, by the command each action sends (the API's route names). */
export const requestOperatorActions = {
  assign: 'AssignRequest',
  'link-client': 'LinkClient',
  'link-order': 'LinkOrder',
  reply: 'SendReply',
  escalate: 'EscalateRequest',
  close: 'CloseRequest',
} as const satisfies Record<string, RequestCommandType>;

export type RequestOperatorAction = keyof typeof requestOperatorActions;

export const requestCommandAllowedIn = (command: RequestCommandType, state: RequestStateOrNone): boolean => requestTransitions[command].includes(state);

/** The operator actions the state machine allows in `state`, in the table's order. */
export function allowedRequestActions(state: RequestStateOrNone): RequestOperatorAction[] {
  return (Object.keys(requestOperatorActions) as RequestOperatorAction[]).filter((action) => requestCommandAllowedIn(requestOperatorActions[action], state));
}
