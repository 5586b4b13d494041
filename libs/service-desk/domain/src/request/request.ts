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
};

export const requestStreamId = (requestId: string): string => `request-${requestId}`;
