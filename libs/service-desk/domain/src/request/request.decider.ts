import { assertNever } from '@switchboard/kernel';
import { DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import type { RequestCommand } from './request.commands';
import type { RequestEvent } from './request.events';
import type { RequestState, ServiceRequest } from './request.state';
import { requestTransitions } from './request-transitions';

/** The request, when the transitions table lets the command run in its state. */
function expectState(command: RequestCommand, state: RequestState): ServiceRequest {
  const allowed = requestTransitions[command.type];
  const current = state.exists ? state.status : 'NONE';
  if (!state.exists || !allowed.includes(current)) throw new IllegalTransitionError('request', command.type, current, allowed);
  return state;
}

/** Decides what a command on a service request means, given the request's history. Pure. */
export const decideRequest = (command: RequestCommand, state: RequestState): RequestEvent[] => {
  const at = command.now.toISOString();
  const by = command.by;
  switch (command.type) {
    case 'RegisterRequest': {
      if (state.exists) throw new IllegalTransitionError('request', command.type, state.status, requestTransitions.RegisterRequest);
      const requestId = command.requestId;
      const events: RequestEvent[] = [
        { type: 'RequestRegistered', data: { requestId, by, at, contact: command.contact, subject: command.subject, department: command.department, clientId: command.clientId } },
      ];
      if (command.message) events.push(messageReceived(requestId, by, at, command.contact.channel, command.message));
      if (command.assigneeId) {
        events.push({ type: 'RequestAssigned', data: { requestId, by, at, assigneeId: command.assigneeId, department: command.department, transition: { from: 'NEW', to: 'IN_PROGRESS' } } });
      }
      return events;
    }
    case 'AssignRequest': {
      const request = expectState(command, state);
      if (request.assigneeId === command.assigneeId && (command.department ?? request.department) === request.department) return [];
      const transition = request.status === 'NEW' ? { from: 'NEW' as const, to: 'IN_PROGRESS' as const } : undefined;
      return [{ type: 'RequestAssigned', data: { requestId: request.id, by, at, assigneeId: command.assigneeId, department: command.department ?? request.department, transition } }];
    }
    case 'LinkClient': {
      // A contact sharing their number links its client, unless one is linked already (an
      // operator's choice wins) or the request is closed: nothing to refuse, nothing to do.
      if (command.fromContact && state.exists && (state.clientId !== undefined || state.status === 'CLOSED')) return [];
      const request = expectState(command, state);
      if (request.clientId === command.clientId) return [];
      return [{ type: 'ClientLinked', data: { requestId: request.id, by, at, clientId: command.clientId } }];
    }
    case 'LinkOrder': {
      const request = expectState(command, state);
      if (!request.clientId) throw new DomainRuleError('order-needs-client', 'Link the client before linking one of their orders.');
      if (request.orderId === command.orderId) return [];
      return [{ type: 'OrderLinked', data: { requestId: request.id, by, at, orderId: command.orderId, orderCode: command.orderCode } }];
    }
    case 'ReceiveMessage': {
      const request = expectState(command, state);
      if (request.messageIds.has(command.message.messageId)) return [];
      return [messageReceived(request.id, by, at, request.contact.channel, command.message)];
    }
    case 'SendReply': {
      const request = expectState(command, state);
      if (request.replyIds.has(command.replyId)) return [];
      if (!command.text.trim()) throw new DomainRuleError('reply-needs-text', 'A reply needs text.');
      return [{ type: 'ReplySent', data: { requestId: request.id, by, at, replyId: command.replyId, text: command.text, contact: request.contact } }];
    }
    case 'EscalateRequest': {
      const request = expectState(command, state);
      return [{ type: 'RequestEscalated', data: { requestId: request.id, by, at, incidentId: command.incidentId, serviceCode: command.serviceCode, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } } }];
    }
    case 'CloseRequest': {
      const request = expectState(command, state);
      if (!command.reason.trim()) throw new DomainRuleError('close-needs-reason', 'Closing a request needs a reason.');
      return [{ type: 'RequestClosed', data: { requestId: request.id, by, at, reason: command.reason, transition: { from: request.status, to: 'CLOSED' } } }];
    }
    case 'CloseRequestForIncident': {
      if (state.exists && state.status === 'CLOSED') return []; // already closed: a redelivered incident event
      const request = expectState(command, state);
      if (request.activeIncidentId !== command.incidentId) {
        throw new DomainRuleError('not-the-active-incident', `Incident ${command.incidentId} is not this request's active incident.`);
      }
      const reason = command.outcome === 'closed' ? 'incident closed' : 'incident unlinked';
      return [{ type: 'RequestClosed', data: { requestId: request.id, by, at, reason, incidentId: command.incidentId, transition: { from: 'ESCALATED', to: 'CLOSED' } } }];
    }
    case 'NotifyClient': {
      const request = expectState(command, state);
      if (request.notificationIds.has(command.notificationId)) return [];
      return [{ type: 'ClientNotified', data: { requestId: request.id, by, at, notificationId: command.notificationId, text: command.text, contact: request.contact } }];
    }
    case 'RecordOutboundOutcome': {
      const request = expectState(command, state);
      const { outboundId, outcome } = command;
      if (!request.replyIds.has(outboundId) && !request.notificationIds.has(outboundId)) {
        throw new DomainRuleError('unknown-outbound', `No reply or notification ${outboundId} on this request.`);
      }
      const previous = request.outboundOutcomes.get(outboundId);
      // Outcomes only move forward (sent → delivered or failed); a late or repeated report changes nothing.
      if (previous === outcome || previous === 'delivered' || previous === 'failed') return [];
      const fact = { requestId: request.id, by, at, outboundId };
      if (outcome === 'sent') return [{ type: 'OutboundSent', data: { ...fact, channelMessageId: command.channelMessageId } }];
      if (outcome === 'delivered') return [{ type: 'OutboundDelivered', data: fact }];
      return [{ type: 'OutboundFailed', data: { ...fact, reason: command.reason ?? 'unknown' } }];
    }
    default:
      return assertNever(command);
  }
};

function messageReceived(requestId: string, by: string, at: string, channel: ServiceRequest['contact']['channel'], message: NonNullable<Extract<RequestCommand, { type: 'RegisterRequest' }>['message']>): RequestEvent {
  return {
    type: 'MessageReceived',
    data: { requestId, by, at, messageId: message.messageId, channel, text: message.text, attachments: message.attachments ?? [], receivedAt: message.receivedAt.toISOString() },
  };
}

/** Folds one event into the request. Pure; never fails on an event it has seen before. */
export const evolveRequest = (state: RequestState, event: RequestEvent): RequestState => {
  if (event.type === 'RequestRegistered') {
    const d = event.data;
    return { exists: true, id: d.requestId, status: 'NEW', contact: d.contact, subject: d.subject, department: d.department, clientId: d.clientId, messageIds: new Set(), replyIds: new Set(), notificationIds: new Set(), outboundOutcomes: new Map() };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'RequestAssigned':
      return { ...state, assigneeId: event.data.assigneeId, department: event.data.department, status: event.data.transition?.to ?? state.status };
    case 'ClientLinked':
      return { ...state, clientId: event.data.clientId, orderId: state.clientId === event.data.clientId ? state.orderId : undefined };
    case 'OrderLinked':
      return { ...state, orderId: event.data.orderId };
    case 'MessageReceived':
      return { ...state, messageIds: new Set([...state.messageIds, event.data.messageId]) };
    case 'ReplySent':
      return { ...state, replyIds: new Set([...state.replyIds, event.data.replyId]) };
    case 'RequestEscalated':
      return { ...state, status: 'ESCALATED', activeIncidentId: event.data.incidentId, incidentId: event.data.incidentId };
    case 'RequestClosed':
      return { ...state, status: 'CLOSED', activeIncidentId: undefined };
    case 'ClientNotified':
      return { ...state, notificationIds: new Set([...state.notificationIds, event.data.notificationId]) };
    case 'OutboundSent':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'sent') };
    case 'OutboundDelivered':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'delivered') };
    case 'OutboundFailed':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'failed') };
    default:
      return assertNever(event);
  }
};
