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
  // Only an unassigned request is in a queue, and a request leaves NEW with its first assignee.
  TakeRequest: ['NEW'],
  // Automatic assignment serves the queue too; in any other state it is a no-op (the decider absorbs it).
  AutoAssignRequest: ['NEW'],
  SetRequestPriority: OPEN,
  LinkClient: OPEN,
  LinkOrder: OPEN,
  SetRequestUnit: OPEN,
  ReceiveMessage: OPEN,
  ReopenRequest: ['CLOSED'],
  SendReply: OPEN,
  EscalateRequest: ['IN_PROGRESS'],
  CloseRequest: ['NEW', 'IN_PROGRESS'],
  CloseRequestForIncident: ['ESCALATED'],
  CloseRequestForProblem: ['NEW', 'IN_PROGRESS'],
  NotifyClient: [...OPEN, 'CLOSED'],
  RecordOutboundOutcome: [...OPEN, 'CLOSED'],
  // The clock stops at closing (met or missed): the last setting and a late breach still land.
  SetRequestSlaClock: [...OPEN, 'CLOSED'],
  RecordRequestSlaMark: [...OPEN, 'CLOSED'],
};

/** What an operator can do to a request, by the command each action sends (the API's route names). */
export const requestOperatorActions = {
  assign: 'AssignRequest',
  take: 'TakeRequest',
  'set-priority': 'SetRequestPriority',
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

/** Operator actions in the table's order: the values of the API's `allowedActions`. */
export const requestOperatorActionNames = Object.keys(requestOperatorActions) as [RequestOperatorAction, ...RequestOperatorAction[]];

/** What a caller may do to a request beyond the state machine (the application's access rules, as the API knows them). */
export interface RequestCaller {
  /** Acts on the request (full access). */
  readonly mayChange: boolean;
  readonly clientLinked: boolean;
  /** Works the queue the request is in (a help-desk operator of its department). */
  readonly mayTake: boolean;
  /** Sets priorities (a help-desk manager of its department). */
  readonly maySetPriority: boolean;
  /** Hands it to someone (default: whoever may change it); a client manager or technician does not (ADR 0032). */
  readonly mayAssign?: boolean;
}

/**
 * What the API accepts from this operator on this request right now: the state machine's actions,
 * of which an operator who may only read gets none but "take" (the queue is read-only until taken),
 * an order only once a client is linked (the `order-needs-client` rule), a priority only from a manager.
 */
export function requestActionsFor(state: RequestStateOrNone, caller: RequestCaller): RequestOperatorAction[] {
  return allowedRequestActions(state).filter((action) => {
    if (action === 'take') return caller.mayTake;
    if (!caller.mayChange) return false;
    if (action === 'set-priority') return caller.maySetPriority;
    if (action === 'assign') return caller.mayAssign ?? true;
    return action !== 'link-order' || caller.clientLinked;
  });
}
