import { deciderSpec } from '../testing/decider-spec';
import { DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { fold } from '../shared/decider';
import { requestDecider } from './request';
import { allowedRequestActions, requestTransitions } from './request-transitions';
import type { RequestCommand } from './request.commands';
import type { RequestEvent } from './request.events';
import type { RequestStatus } from './request-status';

const now = new Date('2026-11-23T10:00:00.000Z');
const at = now.toISOString();
const requestId = 'r-1';
const operator = 'user-hd-1';
const contact = { channel: 'telegram' as const, address: '1001', displayName: 'Ivan' };
const spec = deciderSpec(requestDecider);

const registered: RequestEvent = { type: 'RequestRegistered', data: { requestId, by: 'channel:telegram', at, contact, subject: undefined, department: undefined, clientId: undefined } };
const assigned: RequestEvent = { type: 'RequestAssigned', data: { requestId, by: operator, at, assigneeId: operator, department: 'first-line-north', transition: { from: 'NEW', to: 'IN_PROGRESS' } } };
const clientLinked: RequestEvent = { type: 'ClientLinked', data: { requestId, by: operator, at, clientId: 'c-1' } };
const escalated: RequestEvent = { type: 'RequestEscalated', data: { requestId, by: operator, at, incidentId: 'i-1', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } } };
const closedByOperator: RequestEvent = { type: 'RequestClosed', data: { requestId, by: operator, at, reason: 'duplicate', transition: { from: 'IN_PROGRESS', to: 'CLOSED' } } };

const historyIn: Record<RequestStatus | 'NONE', RequestEvent[]> = {
  NONE: [],
  NEW: [registered],
  IN_PROGRESS: [registered, assigned],
  ESCALATED: [registered, assigned, escalated],
  CLOSED: [registered, assigned, closedByOperator],
};

const message = { messageId: 'tg-42', text: 'My internet is down', receivedAt: new Date('2026-11-23T09:59:00.000Z') };

const commands: Record<RequestCommand['type'], RequestCommand> = {
  RegisterRequest: { type: 'RegisterRequest', requestId, contact, by: 'channel:telegram', now },
  AssignRequest: { type: 'AssignRequest', assigneeId: 'user-hd-2', by: operator, now },
  LinkClient: { type: 'LinkClient', clientId: 'c-2', by: operator, now },
  LinkOrder: { type: 'LinkOrder', orderId: 'o-1', orderCode: 'ORD-1', by: operator, now },
  ReceiveMessage: { type: 'ReceiveMessage', message: { ...message, messageId: 'tg-43' }, by: 'channel:telegram', now },
  SendReply: { type: 'SendReply', replyId: 'rep-1', text: 'We are on it', by: operator, now },
  EscalateRequest: { type: 'EscalateRequest', incidentId: 'i-2', serviceCode: 1001, by: operator, now },
  CloseRequest: { type: 'CloseRequest', reason: 'resolved on the phone', by: operator, now },
  CloseRequestForIncident: { type: 'CloseRequestForIncident', incidentId: 'i-1', outcome: 'closed', by: 'system:incident-closure', now },
  NotifyClient: { type: 'NotifyClient', notificationId: 'n-1', text: 'Your request is closed', by: 'system:incident-closure', now },
  RecordOutboundOutcome: { type: 'RecordOutboundOutcome', outboundId: 'rep-1', outcome: 'sent', channelMessageId: 'tg-900', by: 'system:outbox', now },
};

const allowed: Record<RequestCommand['type'], (RequestStatus | 'NONE')[]> = {
  RegisterRequest: ['NONE'],
  AssignRequest: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  LinkClient: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  LinkOrder: [],
  ReceiveMessage: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  SendReply: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  EscalateRequest: ['IN_PROGRESS'],
  CloseRequest: ['NEW', 'IN_PROGRESS'],
  CloseRequestForIncident: ['ESCALATED', 'CLOSED'],
  NotifyClient: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
  RecordOutboundOutcome: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
};

describe('service request decider', () => {
  describe('allowed transitions', () => {
    it('registers a request from a channel with its first message', () => {
      spec.given([]).when({ ...commands.RegisterRequest, message } as RequestCommand).then([
        registered,
        { type: 'MessageReceived', data: { requestId, by: 'channel:telegram', at, messageId: 'tg-42', channel: 'telegram', text: message.text, attachments: [], receivedAt: '2026-11-23T09:59:00.000Z' } },
      ]);
    });

    it('registers a request an operator takes at once, e.g. from a call', () => {
      spec.given([]).when({ ...commands.RegisterRequest, department: 'first-line-north', assigneeId: operator, by: operator } as RequestCommand).then([
        { type: 'RequestRegistered', data: { requestId, by: operator, at, contact, subject: undefined, department: 'first-line-north', clientId: undefined } },
        { type: 'RequestAssigned', data: { requestId, by: operator, at, assigneeId: operator, department: 'first-line-north', transition: { from: 'NEW', to: 'IN_PROGRESS' } } },
      ]);
    });

    it('takes a new request into progress when it is assigned', () => {
      spec.given([registered]).when({ type: 'AssignRequest', assigneeId: operator, department: 'first-line-north', by: operator, now }).then([assigned]);
    });

    it('reassigns a request in progress without changing its state', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.AssignRequest).then([
        { type: 'RequestAssigned', data: { requestId, by: operator, at, assigneeId: 'user-hd-2', department: 'first-line-north', transition: undefined } },
      ]);
    });

    it('links a client and then one of their orders', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.LinkClient).then([{ type: 'ClientLinked', data: { requestId, by: operator, at, clientId: 'c-2' } }]);
      spec.given([...historyIn.IN_PROGRESS, clientLinked]).when(commands.LinkOrder).then([{ type: 'OrderLinked', data: { requestId, by: operator, at, orderId: 'o-1', orderCode: 'ORD-1' } }]);
    });

    it('adds an inbound message to the conversation of an escalated request', () => {
      spec.given(historyIn.ESCALATED).when(commands.ReceiveMessage).then([
        { type: 'MessageReceived', data: { requestId, by: 'channel:telegram', at, messageId: 'tg-43', channel: 'telegram', text: message.text, attachments: [], receivedAt: '2026-11-23T09:59:00.000Z' } },
      ]);
    });

    it('records a reply to go out on the contact’s channel', () => {
      spec.given(historyIn.NEW).when(commands.SendReply).then([{ type: 'ReplySent', data: { requestId, by: operator, at, replyId: 'rep-1', text: 'We are on it', contact } }]);
    });

    it('escalates a request in progress to an incident for a service', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.EscalateRequest).then([
        { type: 'RequestEscalated', data: { requestId, by: operator, at, incidentId: 'i-2', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } } },
      ]);
    });

    it.each(['NEW', 'IN_PROGRESS'] as const)('closes a %s request by an operator with a reason', (status) => {
      spec.given(historyIn[status]).when(commands.CloseRequest).then([
        { type: 'RequestClosed', data: { requestId, by: operator, at, reason: 'resolved on the phone', transition: { from: status, to: 'CLOSED' } } },
      ]);
    });

    it('closes the request when its incident is closed', () => {
      spec.given(historyIn.ESCALATED).when(commands.CloseRequestForIncident).then([
        { type: 'RequestClosed', data: { requestId, by: 'system:incident-closure', at, reason: 'incident closed', incidentId: 'i-1', transition: { from: 'ESCALATED', to: 'CLOSED' } } },
      ]);
    });

    it('closes the request when its incident is unlinked', () => {
      spec.given(historyIn.ESCALATED).when({ ...commands.CloseRequestForIncident, outcome: 'cancelled' } as RequestCommand).then([
        { type: 'RequestClosed', data: { requestId, by: 'system:incident-closure', at, reason: 'incident unlinked', incidentId: 'i-1', transition: { from: 'ESCALATED', to: 'CLOSED' } } },
      ]);
    });

    it('notifies the client on their channel even after the request is closed', () => {
      spec.given(historyIn.CLOSED).when(commands.NotifyClient).then([
        { type: 'ClientNotified', data: { requestId, by: 'system:incident-closure', at, notificationId: 'n-1', text: 'Your request is closed', contact } },
      ]);
    });
  });

  describe('illegal transitions', () => {
    const cases = Object.entries(commands).flatMap(([type, command]) =>
      (Object.keys(historyIn) as (RequestStatus | 'NONE')[])
        .filter((status) => !allowed[type as RequestCommand['type']].includes(status))
        .filter((status) => !(type === 'LinkOrder' && status !== 'NONE' && status !== 'CLOSED')) // LinkOrder needs a client: below
        .map((status) => [type, status, command] as const),
    );

    it.each(cases)('refuses %s on a %s request, naming the state and the allowed ones', (type, status, command) => {
      spec.given(historyIn[status]).when(command).thenThrows(IllegalTransitionError, { entity: 'request', command: type, state: status });
    });

    it('names the allowed states in the error', () => {
      spec.given(historyIn.NEW).when(commands.EscalateRequest).thenThrows(IllegalTransitionError, { allowedStates: ['IN_PROGRESS'] });
    });

    it('refuses to link an order before a client', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.LinkOrder).thenThrows(DomainRuleError, { rule: 'order-needs-client' });
    });

    it('refuses to close by operator without a reason', () => {
      spec.given(historyIn.NEW).when({ ...commands.CloseRequest, reason: '  ' } as RequestCommand).thenThrows(DomainRuleError, { rule: 'close-needs-reason' });
    });

    it('refuses to close for an incident that is not the active one', () => {
      spec.given(historyIn.ESCALATED).when({ ...commands.CloseRequestForIncident, incidentId: 'i-9' } as RequestCommand).thenThrows(DomainRuleError, { rule: 'not-the-active-incident' });
    });
  });

  describe('the transitions table', () => {
    const every = Object.entries(commands).flatMap(([type, command]) => (Object.keys(historyIn) as (RequestStatus | 'NONE')[]).map((status) => [type, status, command] as const));

    it.each(every)('says whether %s may run on a %s request exactly as the decider decides', (type, status, command) => {
      let illegal = false;
      try {
        requestDecider.decide(command, fold(requestDecider, historyIn[status]));
      } catch (error) {
        illegal = error instanceof IllegalTransitionError;
      }
      // CloseRequestForIncident on a closed request is a redelivery the decider absorbs, not a move.
      const absorbed = type === 'CloseRequestForIncident' && status === 'CLOSED';
      expect(!illegal).toBe(requestTransitions[type as RequestCommand['type']].includes(status) || absorbed);
    });

    it('offers operators the actions of each state', () => {
      expect(allowedRequestActions('NONE')).toEqual([]);
      expect(allowedRequestActions('NEW')).toEqual(['assign', 'link-client', 'link-order', 'reply', 'close']);
      expect(allowedRequestActions('IN_PROGRESS')).toEqual(['assign', 'link-client', 'link-order', 'reply', 'escalate', 'close']);
      expect(allowedRequestActions('ESCALATED')).toEqual(['assign', 'link-client', 'link-order', 'reply']);
      expect(allowedRequestActions('CLOSED')).toEqual([]);
    });
  });

  describe('a client from the contact', () => {
    const fromContact: RequestCommand = { type: 'LinkClient', clientId: 'c-2', fromContact: true, by: 'channel:telegram', now };

    it('links the client of a number the contact shared when none is linked', () => {
      spec.given(historyIn.NEW).when(fromContact).then([{ type: 'ClientLinked', data: { requestId, by: 'channel:telegram', at, clientId: 'c-2' } }]);
    });

    it('keeps the client an operator linked', () => {
      spec.given([...historyIn.IN_PROGRESS, clientLinked]).when(fromContact).then([]);
    });

    it('leaves a closed request as it is', () => {
      spec.given(historyIn.CLOSED).when(fromContact).then([]);
    });

    it('still lets an operator replace the client', () => {
      spec.given([...historyIn.IN_PROGRESS, clientLinked]).when(commands.LinkClient).then([{ type: 'ClientLinked', data: { requestId, by: operator, at, clientId: 'c-2' } }]);
    });
  });

  describe('state', () => {
    it('remembers its incident after it closes', () => {
      const closedForIncident: RequestEvent = { type: 'RequestClosed', data: { requestId, by: 'system', at, reason: 'incident closed', incidentId: 'i-1', transition: { from: 'ESCALATED', to: 'CLOSED' } } };
      expect(fold(requestDecider, [...historyIn.ESCALATED, closedForIncident])).toMatchObject({ status: 'CLOSED', activeIncidentId: undefined, incidentId: 'i-1' });
    });
  });

  describe('outbound delivery', () => {
    const replied: RequestEvent = { type: 'ReplySent', data: { requestId, by: operator, at, replyId: 'rep-1', text: 'x', contact } };
    const sent: RequestEvent = { type: 'OutboundSent', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', channelMessageId: 'tg-900' } };

    it('records that a reply left on the channel, then that it was delivered', () => {
      spec.given([...historyIn.IN_PROGRESS, replied]).when(commands.RecordOutboundOutcome).then([sent]);
      spec.given([...historyIn.IN_PROGRESS, replied, sent]).when({ ...commands.RecordOutboundOutcome, outcome: 'delivered' } as RequestCommand).then([
        { type: 'OutboundDelivered', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1' } },
      ]);
    });

    it('records a failed send with its reason, also on a closed request', () => {
      spec.given([...historyIn.IN_PROGRESS, replied, closedByOperator]).when({ ...commands.RecordOutboundOutcome, outcome: 'failed', reason: 'chat not found' } as RequestCommand).then([
        { type: 'OutboundFailed', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', reason: 'chat not found' } },
      ]);
    });

    it('records an undeliverable receipt after the send', () => {
      spec.given([...historyIn.IN_PROGRESS, replied, sent]).when({ ...commands.RecordOutboundOutcome, outcome: 'failed', reason: 'UNDELIV' } as RequestCommand).then([
        { type: 'OutboundFailed', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', reason: 'UNDELIV' } },
      ]);
    });

    it('ignores a repeated or backwards outcome', () => {
      const delivered: RequestEvent = { type: 'OutboundDelivered', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1' } };
      spec.given([...historyIn.IN_PROGRESS, replied, sent]).when(commands.RecordOutboundOutcome).then([]);
      spec.given([...historyIn.IN_PROGRESS, replied, sent, delivered]).when(commands.RecordOutboundOutcome).then([]);
      spec.given([...historyIn.IN_PROGRESS, replied, sent, delivered]).when({ ...commands.RecordOutboundOutcome, outcome: 'failed', reason: 'late' } as RequestCommand).then([]);
    });

    it('refuses an outcome for a message the request never sent', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.RecordOutboundOutcome).thenThrows(DomainRuleError, { rule: 'unknown-outbound' });
    });
  });

  describe('idempotent resubmission', () => {
    it('ignores a redelivered channel message', () => {
      spec.given([...historyIn.IN_PROGRESS, { type: 'MessageReceived', data: { requestId, by: 'channel:telegram', at, messageId: 'tg-43', channel: 'telegram', text: 'x', attachments: [], receivedAt: at } }])
        .when(commands.ReceiveMessage)
        .then([]);
    });

    it('ignores assigning the same operator again', () => {
      spec.given(historyIn.IN_PROGRESS).when({ type: 'AssignRequest', assigneeId: operator, by: operator, now }).then([]);
    });

    it('ignores a repeated reply id', () => {
      spec.given([...historyIn.NEW, { type: 'ReplySent', data: { requestId, by: operator, at, replyId: 'rep-1', text: 'x', contact } }]).when(commands.SendReply).then([]);
    });

    it('ignores closing for an incident when the request is already closed', () => {
      const closedForIncident: RequestEvent = { type: 'RequestClosed', data: { requestId, by: 'system', at, reason: 'incident closed', incidentId: 'i-1', transition: { from: 'ESCALATED', to: 'CLOSED' } } };
      spec.given([...historyIn.ESCALATED, closedForIncident]).when(commands.CloseRequestForIncident).then([]);
    });
  });
});
