import type { Decider } from '../shared/decider';
import type { RequestCommand } from './request.commands';
import { decideRequest, evolveRequest } from './request.decider';
import type { RequestEvent } from './request.events';
import { initialRequestState } from './request.state';
import type { RequestState } from './request.state';

export const requestDecider: Decider<RequestCommand, RequestEvent, RequestState> = {
  decide: decideRequest,
  evolve: evolveRequest,
  initialState: initialRequestState,
  // A delivery report or an SLA mark changes nothing an operator decides on: it does not make their screen stale.
  bookkeeping: ['RequestSlaClockSet', 'RequestSlaWarning', 'RequestSlaBreached', 'OutboundScheduled', 'OutboundSent', 'OutboundDelivered', 'OutboundFailed'],
};

export const requestStreamId = (requestId: string): string => `request-${requestId}`;
