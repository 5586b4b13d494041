import { deciderSpec } from '../testing/decider-spec';
import { AlreadyTakenError, DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { fold } from '../shared/decider';
import { requestDecider } from './request';
import { allowedRequestActions, requestActionsFor, requestTransitions } from './request-transitions';
import type { RequestCommand } from './request.commands';
import type { RequestEvent } from './request.events';
import type { RequestStatus } from './request-status';

const now = new Date('2026-11-23T10:00:00.000Z');
const at = now.toISOString();
const requestId = 'r-1';
const operator = 'user-hd-1';
const contact = { channel: 'telegram' as const, address: '1001', displayName: 'Ivan' };
const spec = deciderSpec(requestDecider);
const day = 86_400_000;

const registered: RequestEvent = {
  type: 'RequestRegistered',
  data: { requestId, by: 'channel:telegram', at, contact, subject: undefined, department: undefined, clientId: undefined },
};
const assigned: RequestEvent = {
  type: 'RequestAssigned',
  data: { requestId, by: operator, at, assigneeId: operator, department: 'first-line-north', transition: { from: 'NEW', to: 'IN_PROGRESS' } },
};
const clientLinked: RequestEvent = { type: 'ClientLinked', data: { requestId, by: operator, at, clientId: 'c-1' } };
const escalated: RequestEvent = {
  type: 'RequestEscalated',
  data: { requestId, by: operator, at, incidentId: 'i-1', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } },
};
const closedByOperator: RequestEvent = {
  type: 'RequestClosed',
  data: { requestId, by: operator, at, reason: 'duplicate', transition: { from: 'IN_PROGRESS', to: 'CLOSED' } },
};

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
  TakeRequest: { type: 'TakeRequest', by: 'user-hd-2', now },
  AutoAssignRequest: {
    type: 'AutoAssignRequest',
    assigneeId: 'user-hd-2',
    assignedBy: { kind: 'round-robin', openItems: 2, limit: 5 },
    by: 'system:auto-assignment',
    now,
  },
  SetRequestPriority: { type: 'SetRequestPriority', priority: 'P1', by: 'user-hd-manager', now },
  LinkClient: { type: 'LinkClient', clientId: 'c-2', by: operator, now },
  LinkOrder: { type: 'LinkOrder', orderId: 'o-1', orderCode: 'ORD-1', by: operator, now },
  SetRequestUnit: { type: 'SetRequestUnit', unitId: 'unit-45', buildingId: 'building-2', siteSlug: 'river-park', by: 'channel:telegram', now },
  ReceiveMessage: { type: 'ReceiveMessage', message: { ...message, messageId: 'tg-43' }, by: 'channel:telegram', now },
  ReopenRequest: { type: 'ReopenRequest', message: { ...message, messageId: 'tg-44' }, windowMs: 7 * day, by: 'channel:telegram', now },
  SendReply: { type: 'SendReply', replyId: 'rep-1', text: 'We are on it', by: operator, now },
  EscalateRequest: { type: 'EscalateRequest', incidentId: 'i-2', serviceCode: 1001, by: operator, now },
  CloseRequest: { type: 'CloseRequest', reason: 'resolved on the phone', by: operator, now },
  CloseRequestForIncident: { type: 'CloseRequestForIncident', incidentId: 'i-1', outcome: 'closed', by: 'system:incident-closure', now },
  CloseRequestForProblem: { type: 'CloseRequestForProblem', problemId: 'p-1', by: 'system:problem-closure', now },
  NotifyClient: { type: 'NotifyClient', notificationId: 'n-1', text: 'Your request is closed', by: 'system:incident-closure', now },
  RecordOutboundOutcome: { type: 'RecordOutboundOutcome', outboundId: 'rep-1', outcome: 'sent', channelMessageId: 'tg-900', by: 'system:outbox', now },
  SetRequestSlaClock: { type: 'SetRequestSlaClock', clock: { policyId: 'sla-1', policyName: 'Standard', priority: 'P3' }, by: 'system:sla', now },
  RecordRequestSlaMark: { type: 'RecordRequestSlaMark', mark: 'breach', target: 'resolution', dueAt: at, by: 'system:sla-timers', now },
};

const allowed: Record<RequestCommand['type'], (RequestStatus | 'NONE')[]> = {
  RegisterRequest: ['NONE'],
  AssignRequest: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  TakeRequest: ['NEW'],
  // Never refused: outside the queue it is a no-op (below).
  AutoAssignRequest: ['NONE', 'NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
  SetRequestPriority: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  LinkClient: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  LinkOrder: [],
  SetRequestUnit: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  ReceiveMessage: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  ReopenRequest: ['CLOSED'],
  SendReply: ['NEW', 'IN_PROGRESS', 'ESCALATED'],
  EscalateRequest: ['IN_PROGRESS'],
  CloseRequest: ['NEW', 'IN_PROGRESS'],
  CloseRequestForIncident: ['ESCALATED', 'CLOSED'],
  CloseRequestForProblem: ['NEW', 'IN_PROGRESS', 'CLOSED'],
  NotifyClient: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
  RecordOutboundOutcome: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
  SetRequestSlaClock: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
  RecordRequestSlaMark: ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'],
};

describe('service request decider', () => {
  describe('allowed transitions', () => {
    it('registers a request from a channel with its first message', () => {
      spec
        .given([])
        .when({ ...commands.RegisterRequest, message } as RequestCommand)
        .then([
          registered,
          {
            type: 'MessageReceived',
            data: {
              requestId,
              by: 'channel:telegram',
              at,
              messageId: 'tg-42',
              channel: 'telegram',
              text: message.text,
              attachments: [],
              receivedAt: '2026-11-23T09:59:00.000Z',
            },
          },
        ]);
    });

    it('registers a request an operator takes at once, e.g. from a call', () => {
      spec
        .given([])
        .when({ ...commands.RegisterRequest, department: 'first-line-north', assigneeId: operator, by: operator } as RequestCommand)
        .then([
          {
            type: 'RequestRegistered',
            data: { requestId, by: operator, at, contact, subject: undefined, department: 'first-line-north', clientId: undefined },
          },
          {
            type: 'RequestAssigned',
            data: { requestId, by: operator, at, assigneeId: operator, department: 'first-line-north', transition: { from: 'NEW', to: 'IN_PROGRESS' } },
          },
        ]);
    });

    it('registers a request for an estate unit, its building and the building’s site', () => {
      spec
        .given([])
        .when({ ...commands.RegisterRequest, unitId: 'unit-12', buildingId: 'house-1', siteSlug: 'river-park' } as RequestCommand)
        .then([
          {
            type: 'RequestRegistered',
            data: {
              requestId,
              by: 'channel:telegram',
              at,
              contact,
              subject: undefined,
              department: undefined,
              clientId: undefined,
              unitId: 'unit-12',
              buildingId: 'house-1',
              siteSlug: 'river-park',
            },
          },
        ]);
    });

    it('keeps no site on a request registered for no building', () => {
      spec
        .given([])
        .when({ ...commands.RegisterRequest, siteSlug: 'river-park' } as RequestCommand)
        .then([
          {
            type: 'RequestRegistered',
            data: { requestId, by: 'channel:telegram', at, contact, subject: undefined, department: undefined, clientId: undefined },
          },
        ]);
    });

    it('registers a routed request with the rule that routed it, its priority and tags; the priority holds from then on', () => {
      const routedBy = { ruleId: 'rule-1', ruleName: 'VIP line' };
      const routed: RequestEvent = {
        type: 'RequestRegistered',
        data: {
          requestId,
          by: 'channel:telegram',
          at,
          contact,
          subject: undefined,
          department: 'vip',
          clientId: undefined,
          priority: 'P1',
          tags: ['vip'],
          routedBy,
        },
      };
      spec
        .given([])
        .when({ ...commands.RegisterRequest, department: 'vip', priority: 'P1', tags: ['vip'], routedBy } as RequestCommand)
        .then([routed]);
      spec.given([routed]).when(commands.SetRequestPriority).then([]);
    });

    it('takes a new request into progress when it is assigned', () => {
      spec.given([registered]).when({ type: 'AssignRequest', assigneeId: operator, department: 'first-line-north', by: operator, now }).then([assigned]);
    });

    it('reassigns a request in progress without changing its state', () => {
      spec
        .given(historyIn.IN_PROGRESS)
        .when(commands.AssignRequest)
        .then([
          { type: 'RequestAssigned', data: { requestId, by: operator, at, assigneeId: 'user-hd-2', department: 'first-line-north', transition: undefined } },
        ]);
    });

    it('links a client and then one of their orders', () => {
      spec
        .given(historyIn.IN_PROGRESS)
        .when(commands.LinkClient)
        .then([{ type: 'ClientLinked', data: { requestId, by: operator, at, clientId: 'c-2' } }]);
      spec
        .given([...historyIn.IN_PROGRESS, clientLinked])
        .when(commands.LinkOrder)
        .then([{ type: 'OrderLinked', data: { requestId, by: operator, at, orderId: 'o-1', orderCode: 'ORD-1' } }]);
    });

    it('adds an inbound message to the conversation of an escalated request', () => {
      spec
        .given(historyIn.ESCALATED)
        .when(commands.ReceiveMessage)
        .then([
          {
            type: 'MessageReceived',
            data: {
              requestId,
              by: 'channel:telegram',
              at,
              messageId: 'tg-43',
              channel: 'telegram',
              text: message.text,
              attachments: [],
              receivedAt: '2026-11-23T09:59:00.000Z',
            },
          },
        ]);
    });

    it('records a reply to go out on the contact’s channel', () => {
      spec
        .given(historyIn.NEW)
        .when(commands.SendReply)
        .then([{ type: 'ReplySent', data: { requestId, by: operator, at, replyId: 'rep-1', text: 'We are on it', contact } }]);
    });

    it('escalates a request in progress to an incident for a service', () => {
      spec
        .given(historyIn.IN_PROGRESS)
        .when(commands.EscalateRequest)
        .then([
          {
            type: 'RequestEscalated',
            data: { requestId, by: operator, at, incidentId: 'i-2', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } },
          },
        ]);
    });

    it('escalates with the operator’s summary for L3, trimmed; a blank one is none', () => {
      const escalate = (summary: string): RequestCommand => ({ type: 'EscalateRequest', incidentId: 'i-2', serviceCode: 1001, summary, by: operator, now });
      spec
        .given(historyIn.IN_PROGRESS)
        .when(escalate('  Drops every evening; line test clean  '))
        .then([
          {
            type: 'RequestEscalated',
            data: {
              requestId,
              by: operator,
              at,
              incidentId: 'i-2',
              serviceCode: 1001,
              summary: 'Drops every evening; line test clean',
              transition: { from: 'IN_PROGRESS', to: 'ESCALATED' },
            },
          },
        ]);
      spec
        .given(historyIn.IN_PROGRESS)
        .when(escalate('   '))
        .then([
          {
            type: 'RequestEscalated',
            data: { requestId, by: operator, at, incidentId: 'i-2', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' } },
          },
        ]);
    });

    it.each(['NEW', 'IN_PROGRESS'] as const)('closes a %s request by an operator with a reason', (status) => {
      spec
        .given(historyIn[status])
        .when(commands.CloseRequest)
        .then([{ type: 'RequestClosed', data: { requestId, by: operator, at, reason: 'resolved on the phone', transition: { from: status, to: 'CLOSED' } } }]);
    });

    it('closes the request when its incident is closed', () => {
      spec
        .given(historyIn.ESCALATED)
        .when(commands.CloseRequestForIncident)
        .then([
          {
            type: 'RequestClosed',
            data: {
              requestId,
              by: 'system:incident-closure',
              at,
              reason: 'incident closed',
              incidentId: 'i-1',
              transition: { from: 'ESCALATED', to: 'CLOSED' },
            },
          },
        ]);
    });

    it('closes the request when its incident is unlinked', () => {
      spec
        .given(historyIn.ESCALATED)
        .when({ ...commands.CloseRequestForIncident, outcome: 'cancelled' } as RequestCommand)
        .then([
          {
            type: 'RequestClosed',
            data: {
              requestId,
              by: 'system:incident-closure',
              at,
              reason: 'incident unlinked',
              incidentId: 'i-1',
              transition: { from: 'ESCALATED', to: 'CLOSED' },
            },
          },
        ]);
    });

    it.each(['NEW', 'IN_PROGRESS'] as const)('closes a %s request when the problem it is linked to is closed', (status) => {
      spec
        .given(historyIn[status])
        .when(commands.CloseRequestForProblem)
        .then([
          {
            type: 'RequestClosed',
            data: { requestId, by: 'system:problem-closure', at, reason: 'problem closed', problemId: 'p-1', transition: { from: status, to: 'CLOSED' } },
          },
        ]);
    });

    it('leaves a request closed before its problem closed as it is', () => {
      spec.given(historyIn.CLOSED).when(commands.CloseRequestForProblem).then([]);
    });

    it('notifies the client on their channel even after the request is closed', () => {
      spec
        .given(historyIn.CLOSED)
        .when(commands.NotifyClient)
        .then([
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
      spec
        .given(historyIn.NEW)
        .when(commands.EscalateRequest)
        .thenThrows(IllegalTransitionError, { allowedStates: ['IN_PROGRESS'] });
    });

    it('refuses to link an order before a client', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.LinkOrder).thenThrows(DomainRuleError, { rule: 'order-needs-client' });
    });

    it('refuses to close by operator without a reason', () => {
      spec
        .given(historyIn.NEW)
        .when({ ...commands.CloseRequest, reason: '  ' } as RequestCommand)
        .thenThrows(DomainRuleError, { rule: 'close-needs-reason' });
    });

    it('refuses to close for an incident that is not the active one', () => {
      spec
        .given(historyIn.ESCALATED)
        .when({ ...commands.CloseRequestForIncident, incidentId: 'i-9' } as RequestCommand)
        .thenThrows(DomainRuleError, { rule: 'not-the-active-incident' });
    });
  });

  describe('the transitions table', () => {
    const every = Object.entries(commands).flatMap(([type, command]) =>
      (Object.keys(historyIn) as (RequestStatus | 'NONE')[]).map((status) => [type, status, command] as const),
    );

    it.each(every)('says whether %s may run on a %s request exactly as the decider decides', (type, status, command) => {
      let illegal = false;
      try {
        requestDecider.decide(command, fold(requestDecider, historyIn[status]));
      } catch (error) {
        illegal = error instanceof IllegalTransitionError;
      }
      // CloseRequestForIncident on a closed request is a redelivery the decider absorbs, not a move.
      // AutoAssignRequest outside the queue is a replay or a race lost to a take, absorbed likewise.
      const absorbed = ((type === 'CloseRequestForIncident' || type === 'CloseRequestForProblem') && status === 'CLOSED') || type === 'AutoAssignRequest';
      expect(!illegal).toBe(requestTransitions[type as RequestCommand['type']].includes(status) || absorbed);
    });

    it('offers operators the actions of each state', () => {
      expect(allowedRequestActions('NONE')).toEqual([]);
      expect(allowedRequestActions('NEW')).toEqual(['assign', 'take', 'set-priority', 'link-client', 'link-order', 'reply', 'close']);
      expect(allowedRequestActions('IN_PROGRESS')).toEqual(['assign', 'set-priority', 'link-client', 'link-order', 'reply', 'escalate', 'close']);
      expect(allowedRequestActions('ESCALATED')).toEqual(['assign', 'set-priority', 'link-client', 'link-order', 'reply']);
      expect(allowedRequestActions('CLOSED')).toEqual([]);
    });

    it("offers an operator who may change the request its state's actions, an order only once a client is linked", () => {
      const operator = { mayChange: true, mayTake: false, maySetPriority: false };
      expect(requestActionsFor('NEW', { ...operator, clientLinked: false })).toEqual(['assign', 'link-client', 'reply', 'close']);
      expect(requestActionsFor('IN_PROGRESS', { ...operator, clientLinked: true })).toEqual([
        'assign',
        'link-client',
        'link-order',
        'reply',
        'escalate',
        'close',
      ]);
      expect(requestActionsFor('CLOSED', { ...operator, clientLinked: true })).toEqual([]);
    });

    it('offers a manager the priority, and whoever works the queue "take" on an unassigned NEW request only', () => {
      const manager = { mayChange: true, clientLinked: false, mayTake: true, maySetPriority: true };
      expect(requestActionsFor('NEW', manager)).toEqual(['assign', 'take', 'set-priority', 'link-client', 'reply', 'close']);
      expect(requestActionsFor('IN_PROGRESS', manager)).toEqual(['assign', 'set-priority', 'link-client', 'reply', 'escalate', 'close']);
      expect(requestActionsFor('NEW', { mayChange: false, clientLinked: false, mayTake: true, maySetPriority: false })).toEqual(['take']);
    });

    it('offers nothing to an operator who may only read the request and does not work its queue, in every state', () => {
      for (const state of ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'] as const)
        expect(requestActionsFor(state, { mayChange: false, clientLinked: true, mayTake: false, maySetPriority: true })).toEqual([]);
    });
  });

  describe('priority', () => {
    const prioritySet = (priority: 'P1' | 'P2' | 'P3' | 'P4', previous: 'P1' | 'P2' | 'P3' | 'P4'): RequestEvent => ({
      type: 'RequestPrioritySet',
      data: { requestId, by: 'user-hd-manager', at, priority, previous },
    });

    it('sets the priority of a new request, recording the default it replaces', () => {
      spec
        .given(historyIn.NEW)
        .when(commands.SetRequestPriority)
        .then([prioritySet('P1', 'P3')]);
    });

    it('changes the priority of an escalated request, recording the one before', () => {
      spec
        .given([...historyIn.ESCALATED, prioritySet('P2', 'P3')])
        .when(commands.SetRequestPriority)
        .then([prioritySet('P1', 'P2')]);
    });

    it('ignores setting the priority it already has', () => {
      spec
        .given([...historyIn.IN_PROGRESS, prioritySet('P1', 'P3')])
        .when(commands.SetRequestPriority)
        .then([]);
    });

    it('refuses to prioritise a closed request', () => {
      spec.given(historyIn.CLOSED).when(commands.SetRequestPriority).thenThrows(IllegalTransitionError, { state: 'CLOSED' });
    });

    it('hands its priority to the incident it escalates to', () => {
      spec
        .given([...historyIn.IN_PROGRESS, prioritySet('P2', 'P3')])
        .when(commands.EscalateRequest)
        .then([
          {
            type: 'RequestEscalated',
            data: { requestId, by: operator, at, incidentId: 'i-2', serviceCode: 1001, transition: { from: 'IN_PROGRESS', to: 'ESCALATED' }, priority: 'P2' },
          },
        ]);
    });
  });

  describe('a client writing again after closure', () => {
    const later = (ms: number) => new Date(now.getTime() + ms);
    const reopen = (after: number, messageId = 'tg-44'): RequestCommand => ({
      type: 'ReopenRequest',
      message: { ...message, messageId },
      windowMs: 7 * day,
      by: 'channel:telegram',
      now: later(after),
    });
    const received = (after: number, messageId = 'tg-44'): RequestEvent => ({
      type: 'MessageReceived',
      data: {
        requestId,
        by: 'channel:telegram',
        at: later(after).toISOString(),
        messageId,
        channel: 'telegram',
        text: message.text,
        attachments: [],
        receivedAt: '2026-11-23T09:59:00.000Z',
      },
    });

    it('reopens a request closed less than the window ago, back to its assignee, with the message', () => {
      spec
        .given(historyIn.CLOSED)
        .when(reopen(6 * day))
        .then([
          {
            type: 'RequestReopened',
            data: {
              requestId,
              by: 'channel:telegram',
              at: later(6 * day).toISOString(),
              reason: 'the client wrote again',
              transition: { from: 'CLOSED', to: 'IN_PROGRESS' },
            },
          },
          received(6 * day),
        ]);
    });

    it('reopens a request nobody had back into the queue', () => {
      const closedNew: RequestEvent = {
        type: 'RequestClosed',
        data: { requestId, by: operator, at, reason: 'spam?', transition: { from: 'NEW', to: 'CLOSED' } },
      };
      spec
        .given([registered, closedNew])
        .when(reopen(day))
        .then([
          {
            type: 'RequestReopened',
            data: {
              requestId,
              by: 'channel:telegram',
              at: later(day).toISOString(),
              reason: 'the client wrote again',
              transition: { from: 'CLOSED', to: 'NEW' },
            },
          },
          received(day),
        ]);
    });

    it('refuses once the window has passed: the message starts a new request', () => {
      spec
        .given(historyIn.CLOSED)
        .when(reopen(7 * day))
        .thenThrows(DomainRuleError, { rule: 'reopen-window-passed' });
    });

    it('ignores the message that reopened it when it comes again', () => {
      spec
        .given([
          ...historyIn.CLOSED,
          {
            type: 'RequestReopened',
            data: { requestId, by: 'channel:telegram', at, reason: 'the client wrote again', transition: { from: 'CLOSED', to: 'IN_PROGRESS' } },
          },
          received(0),
          closedByOperator,
        ])
        .when(reopen(day))
        .then([]);
    });

    it('counts the window from the last closure', () => {
      const reopened: RequestEvent = {
        type: 'RequestReopened',
        data: { requestId, by: 'channel:telegram', at, reason: 'the client wrote again', transition: { from: 'CLOSED', to: 'IN_PROGRESS' } },
      };
      const closedAgain: RequestEvent = {
        type: 'RequestClosed',
        data: { requestId, by: operator, at: later(10 * day).toISOString(), reason: 'done', transition: { from: 'IN_PROGRESS', to: 'CLOSED' } },
      };
      spec
        .given([...historyIn.CLOSED, reopened, closedAgain])
        .when(reopen(12 * day, 'tg-45'))
        .then([
          {
            type: 'RequestReopened',
            data: {
              requestId,
              by: 'channel:telegram',
              at: later(12 * day).toISOString(),
              reason: 'the client wrote again',
              transition: { from: 'CLOSED', to: 'IN_PROGRESS' },
            },
          },
          received(12 * day, 'tg-45'),
        ]);
    });

    it('registers the later request linked to the one it follows', () => {
      spec
        .given([])
        .when({ ...commands.RegisterRequest, previousRequestId: 'r-0' } as RequestCommand)
        .then([{ type: 'RequestRegistered', data: { ...registered.data, previousRequestId: 'r-0' } } as RequestEvent]);
      expect(fold(requestDecider, [{ type: 'RequestRegistered', data: { ...registered.data, previousRequestId: 'r-0' } } as RequestEvent])).toMatchObject({
        previousRequestId: 'r-0',
      });
    });
  });

  describe('taking from the queue', () => {
    it('assigns an unassigned request to whoever takes it, marked as taken', () => {
      spec
        .given(historyIn.NEW)
        .when(commands.TakeRequest)
        .then([
          {
            type: 'RequestAssigned',
            data: {
              requestId,
              by: 'user-hd-2',
              at,
              assigneeId: 'user-hd-2',
              department: undefined,
              transition: { from: 'NEW', to: 'IN_PROGRESS' },
              mode: 'taken',
            },
          },
        ]);
    });

    it('keeps the department of the request it takes', () => {
      const inNorth: RequestEvent = { type: 'RequestRegistered', data: { requestId, by: 'channel:telegram', at, contact, department: 'first-line-north' } };
      spec
        .given([inNorth])
        .when(commands.TakeRequest)
        .then([
          {
            type: 'RequestAssigned',
            data: {
              requestId,
              by: 'user-hd-2',
              at,
              assigneeId: 'user-hd-2',
              department: 'first-line-north',
              transition: { from: 'NEW', to: 'IN_PROGRESS' },
              mode: 'taken',
            },
          },
        ]);
    });

    it('refuses a request someone else took first as a race lost, naming who has it', () => {
      spec
        .given(historyIn.IN_PROGRESS)
        .when(commands.TakeRequest)
        .thenThrows(AlreadyTakenError, { entity: 'request', state: 'IN_PROGRESS', assigneeId: operator });
    });

    it('ignores taking a request one already has (a resubmission)', () => {
      spec.given(historyIn.IN_PROGRESS).when({ type: 'TakeRequest', by: operator, now }).then([]);
    });
  });

  describe('automatic assignment', () => {
    const inNorth: RequestEvent = { ...registered, data: { ...registered.data, department: 'first-line-north' } } as RequestEvent;

    it('assigns a queued request, recording how it was decided', () => {
      spec
        .given([inNorth])
        .when(commands.AutoAssignRequest)
        .then([
          {
            type: 'RequestAssigned',
            data: {
              requestId,
              by: 'system:auto-assignment',
              at,
              assigneeId: 'user-hd-2',
              department: 'first-line-north',
              transition: { from: 'NEW', to: 'IN_PROGRESS' },
              assignedBy: { kind: 'round-robin', openItems: 2, limit: 5 },
            },
          },
        ]);
    });

    it.each(['NONE', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'] as const)('leaves a %s request as it is (taken meanwhile, or a replay)', (status) => {
      spec.given(historyIn[status]).when(commands.AutoAssignRequest).then([]);
    });
  });

  describe('a client from the contact', () => {
    const fromContact: RequestCommand = { type: 'LinkClient', clientId: 'c-2', fromContact: true, by: 'channel:telegram', now };

    it('links the client of a number the contact shared when none is linked', () => {
      spec
        .given(historyIn.NEW)
        .when(fromContact)
        .then([{ type: 'ClientLinked', data: { requestId, by: 'channel:telegram', at, clientId: 'c-2' } }]);
    });

    it('keeps the client an operator linked', () => {
      spec
        .given([...historyIn.IN_PROGRESS, clientLinked])
        .when(fromContact)
        .then([]);
    });

    it('leaves a closed request as it is', () => {
      spec.given(historyIn.CLOSED).when(fromContact).then([]);
    });

    it('still lets an operator replace the client', () => {
      spec
        .given([...historyIn.IN_PROGRESS, clientLinked])
        .when(commands.LinkClient)
        .then([{ type: 'ClientLinked', data: { requestId, by: operator, at, clientId: 'c-2' } }]);
    });
  });

  describe('state', () => {
    it('remembers its incident after it closes', () => {
      const closedForIncident: RequestEvent = {
        type: 'RequestClosed',
        data: { requestId, by: 'system', at, reason: 'incident closed', incidentId: 'i-1', transition: { from: 'ESCALATED', to: 'CLOSED' } },
      };
      expect(fold(requestDecider, [...historyIn.ESCALATED, closedForIncident])).toMatchObject({
        status: 'CLOSED',
        activeIncidentId: undefined,
        incidentId: 'i-1',
      });
    });
  });

  describe('outbound delivery', () => {
    const replied: RequestEvent = { type: 'ReplySent', data: { requestId, by: operator, at, replyId: 'rep-1', text: 'x', contact } };
    const sent: RequestEvent = { type: 'OutboundSent', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', channelMessageId: 'tg-900' } };

    it('records that a reply left on the channel, then that it was delivered', () => {
      spec
        .given([...historyIn.IN_PROGRESS, replied])
        .when(commands.RecordOutboundOutcome)
        .then([sent]);
      spec
        .given([...historyIn.IN_PROGRESS, replied, sent])
        .when({ ...commands.RecordOutboundOutcome, outcome: 'delivered' } as RequestCommand)
        .then([{ type: 'OutboundDelivered', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1' } }]);
    });

    it('records a failed send with its reason, also on a closed request', () => {
      spec
        .given([...historyIn.IN_PROGRESS, replied, closedByOperator])
        .when({ ...commands.RecordOutboundOutcome, outcome: 'failed', reason: 'chat not found' } as RequestCommand)
        .then([{ type: 'OutboundFailed', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', reason: 'chat not found' } }]);
    });

    it('records a reply held back until a later time and why, again when it is held longer, and never once it went', () => {
      const later = '2026-12-08T08:00:00.000Z';
      const scheduled = {
        type: 'OutboundScheduled',
        data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', until: later, reason: 'quiet-hours' },
      } as const;
      const hold = { ...commands.RecordOutboundOutcome, outcome: 'scheduled', until: later, reason: 'quiet-hours' } as RequestCommand;
      spec
        .given([...historyIn.IN_PROGRESS, replied])
        .when(hold)
        .then([scheduled]);
      spec
        .given([...historyIn.IN_PROGRESS, replied, scheduled])
        .when({ ...hold, until: '2026-12-08T09:00:00.000Z', reason: 'rate-limit' } as RequestCommand)
        .then([{ type: 'OutboundScheduled', data: { ...scheduled.data, until: '2026-12-08T09:00:00.000Z', reason: 'rate-limit' } }]);
      spec
        .given([...historyIn.IN_PROGRESS, replied, scheduled])
        .when(commands.RecordOutboundOutcome)
        .then([sent]);
      spec
        .given([...historyIn.IN_PROGRESS, replied, sent])
        .when(hold)
        .then([]);
      spec
        .given([...historyIn.IN_PROGRESS, replied])
        .when({ ...hold, until: undefined } as RequestCommand)
        .thenThrows(DomainRuleError, { rule: 'scheduled-without-time' });
    });

    it('records an undeliverable receipt after the send', () => {
      spec
        .given([...historyIn.IN_PROGRESS, replied, sent])
        .when({ ...commands.RecordOutboundOutcome, outcome: 'failed', reason: 'UNDELIV' } as RequestCommand)
        .then([{ type: 'OutboundFailed', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1', reason: 'UNDELIV' } }]);
    });

    it('ignores a repeated or backwards outcome', () => {
      const delivered: RequestEvent = { type: 'OutboundDelivered', data: { requestId, by: 'system:outbox', at, outboundId: 'rep-1' } };
      spec
        .given([...historyIn.IN_PROGRESS, replied, sent])
        .when(commands.RecordOutboundOutcome)
        .then([]);
      spec
        .given([...historyIn.IN_PROGRESS, replied, sent, delivered])
        .when(commands.RecordOutboundOutcome)
        .then([]);
      spec
        .given([...historyIn.IN_PROGRESS, replied, sent, delivered])
        .when({ ...commands.RecordOutboundOutcome, outcome: 'failed', reason: 'late' } as RequestCommand)
        .then([]);
    });

    it('refuses an outcome for a message the request never sent', () => {
      spec.given(historyIn.IN_PROGRESS).when(commands.RecordOutboundOutcome).thenThrows(DomainRuleError, { rule: 'unknown-outbound' });
    });
  });

  describe('the unit a request is about', () => {
    const unitSet = (unitId: string, previousUnitId?: string): RequestEvent => ({
      type: 'RequestUnitSet',
      data: { requestId, by: 'channel:telegram', at, unitId, buildingId: 'building-2', siteSlug: 'river-park', ...(previousUnitId ? { previousUnitId } : {}) },
    });

    it('sets the unit the client chose after registration', () => {
      spec
        .given([registered])
        .when(commands.SetRequestUnit)
        .then([unitSet('unit-45')]);
    });

    it('records nothing when the same unit is chosen again (a second press of the button)', () => {
      spec
        .given([registered, unitSet('unit-45')])
        .when(commands.SetRequestUnit)
        .then([]);
    });

    it('records nothing when the request was registered for that unit already', () => {
      spec
        .given([{ ...registered, data: { ...registered.data, unitId: 'unit-45', buildingId: 'building-2', siteSlug: 'river-park' } } as RequestEvent])
        .when(commands.SetRequestUnit)
        .then([]);
    });

    it('replaces another unit, naming it', () => {
      spec
        .given([registered, unitSet('parking-12')])
        .when(commands.SetRequestUnit)
        .then([unitSet('unit-45', 'parking-12')]);
    });

    it('refuses a closed request', () => {
      spec.given(historyIn.CLOSED).when(commands.SetRequestUnit).thenThrows(IllegalTransitionError);
    });

    const oldTown = (unitId: string): RequestEvent => ({
      type: 'RequestUnitSet',
      data: { requestId, by: 'channel:telegram', at, unitId, buildingId: 'building-1', siteSlug: 'old-town' },
    });

    it('moves a request nobody works yet to another site’s unit', () => {
      spec
        .given([registered, oldTown('unit-7')])
        .when(commands.SetRequestUnit)
        .then([unitSet('unit-45', 'unit-7')]);
    });

    it('refuses to move an assigned request to another site’s unit (a stale button under a technician’s work)', () => {
      spec
        .given([registered, oldTown('unit-7'), assigned])
        .when(commands.SetRequestUnit)
        .thenThrows(DomainRuleError, { rule: 'site-locked' });
    });

    it('refuses to move an escalated request to another site’s unit', () => {
      spec
        .given([registered, oldTown('unit-7'), assigned, escalated])
        .when(commands.SetRequestUnit)
        .thenThrows(DomainRuleError, { rule: 'site-locked' });
    });

    it('changes the unit of a request being worked within its site (the same staff, the same scope)', () => {
      spec
        .given([registered, unitSet('parking-12'), assigned])
        .when(commands.SetRequestUnit)
        .then([unitSet('unit-45', 'parking-12')]);
    });

    it('gives a request being worked its first unit (it had no site to leave)', () => {
      spec
        .given([registered, assigned])
        .when(commands.SetRequestUnit)
        .then([unitSet('unit-45')]);
    });

    it('moves the request to the chosen unit’s site, so site staff may work what their list shows', () => {
      const elsewhere: RequestEvent = {
        type: 'RequestUnitSet',
        data: { requestId, by: 'channel:telegram', at, unitId: 'unit-7', buildingId: 'building-1', siteSlug: 'old-town' },
      };
      expect(fold(requestDecider, [registered, unitSet('unit-45'), elsewhere])).toMatchObject({ unitId: 'unit-7', siteSlug: 'old-town' });
    });
  });

  describe('idempotent resubmission', () => {
    it('ignores a redelivered channel message', () => {
      spec
        .given([
          ...historyIn.IN_PROGRESS,
          {
            type: 'MessageReceived',
            data: { requestId, by: 'channel:telegram', at, messageId: 'tg-43', channel: 'telegram', text: 'x', attachments: [], receivedAt: at },
          },
        ])
        .when(commands.ReceiveMessage)
        .then([]);
    });

    it('ignores assigning the same operator again', () => {
      spec.given(historyIn.IN_PROGRESS).when({ type: 'AssignRequest', assigneeId: operator, by: operator, now }).then([]);
    });

    it('ignores a repeated reply id', () => {
      spec
        .given([...historyIn.NEW, { type: 'ReplySent', data: { requestId, by: operator, at, replyId: 'rep-1', text: 'x', contact } }])
        .when(commands.SendReply)
        .then([]);
    });

    it('ignores closing for an incident when the request is already closed', () => {
      const closedForIncident: RequestEvent = {
        type: 'RequestClosed',
        data: { requestId, by: 'system', at, reason: 'incident closed', incidentId: 'i-1', transition: { from: 'ESCALATED', to: 'CLOSED' } },
      };
      spec
        .given([...historyIn.ESCALATED, closedForIncident])
        .when(commands.CloseRequestForIncident)
        .then([]);
    });
  });
});
