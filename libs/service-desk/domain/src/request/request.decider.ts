import { assertNever } from '@switchboard/kernel';
import { AlreadyTakenError, DomainRuleError, IllegalTransitionError } from '../shared/domain-errors';
import { defaultPriority } from '../shared/priority';
import type { RequestCommand } from './request.commands';
import type { RequestEvent } from './request.events';
import type { RequestState, ServiceRequest } from './request.state';
import { requestTransitions } from './request-transitions';
import { sameSlaClock, slaEscalation, slaMarkDue, withSlaMark } from '../sla/sla-marks';

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
        {
          type: 'RequestRegistered',
          data: {
            requestId,
            by,
            at,
            contact: command.contact,
            subject: command.subject,
            department: command.department,
            clientId: command.clientId,
            ...(command.previousRequestId ? { previousRequestId: command.previousRequestId } : {}),
            ...(command.priority ? { priority: command.priority } : {}),
            ...(command.tags?.length ? { tags: command.tags } : {}),
            ...(command.routedBy ? { routedBy: command.routedBy } : {}),
            ...(command.unitId ? { unitId: command.unitId } : {}),
            ...(command.buildingId ? { buildingId: command.buildingId } : {}),
            ...(command.buildingId && command.siteSlug ? { siteSlug: command.siteSlug } : {}),
          },
        },
      ];
      if (command.message) events.push(messageReceived(requestId, by, at, command.contact.channel, command.message));
      if (command.assigneeId) {
        events.push({
          type: 'RequestAssigned',
          data: { requestId, by, at, assigneeId: command.assigneeId, department: command.department, transition: { from: 'NEW', to: 'IN_PROGRESS' } },
        });
      }
      return events;
    }
    case 'AssignRequest': {
      const request = expectState(command, state);
      if (request.assigneeId === command.assigneeId && (command.department ?? request.department) === request.department) return [];
      const transition = request.status === 'NEW' ? { from: 'NEW' as const, to: 'IN_PROGRESS' as const } : undefined;
      return [
        {
          type: 'RequestAssigned',
          data: { requestId: request.id, by, at, assigneeId: command.assigneeId, department: command.department ?? request.department, transition },
        },
      ];
    }
    case 'TakeRequest': {
      // Taking what one already has is a resubmission; what someone else has is a race lost.
      if (state.exists && state.assigneeId === by) return [];
      if (state.exists && state.assigneeId !== undefined)
        throw new AlreadyTakenError('request', command.type, state.status, requestTransitions.TakeRequest, state.assigneeId);
      const request = expectState(command, state);
      return [
        {
          type: 'RequestAssigned',
          data: {
            requestId: request.id,
            by,
            at,
            assigneeId: by,
            department: request.department,
            transition: { from: 'NEW', to: 'IN_PROGRESS' },
            mode: 'taken',
          },
        },
      ];
    }
    case 'AutoAssignRequest': {
      // Someone took it meanwhile, it closed, or this is a replay: the queue no longer has it, nothing to do.
      if (!state.exists || state.status !== 'NEW' || state.assigneeId !== undefined) return [];
      return [
        {
          type: 'RequestAssigned',
          data: {
            requestId: state.id,
            by,
            at,
            assigneeId: command.assigneeId,
            department: state.department,
            transition: { from: 'NEW', to: 'IN_PROGRESS' },
            assignedBy: command.assignedBy,
          },
        },
      ];
    }
    case 'SetRequestPriority': {
      const request = expectState(command, state);
      const previous = request.priority ?? defaultPriority;
      if (request.priority === command.priority) return [];
      return [{ type: 'RequestPrioritySet', data: { requestId: request.id, by, at, priority: command.priority, previous } }];
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
    case 'SetRequestUnit': {
      const request = expectState(command, state);
      if (request.unitId === command.unitId) return [];
      const { unitId, buildingId, siteSlug } = command;
      // Once someone works it, the request stays at its site: the site's staff hold it (ADR 0032), and
      // a stale button press must not hand it to another site's list under them. A first unit, or
      // another unit of the same site, changes nobody's scope (ADR 0030 addendum).
      const worked = request.status !== 'NEW' || request.assigneeId !== undefined;
      if (worked && request.siteSlug !== undefined && request.siteSlug !== siteSlug) {
        throw new DomainRuleError(
          'site-locked',
          `Request ${request.id} is being worked at ${request.siteSlug}: its unit can no longer move it to ${siteSlug}.`,
        );
      }
      return [
        {
          type: 'RequestUnitSet',
          data: { requestId: request.id, by, at, unitId, buildingId, siteSlug, ...(request.unitId ? { previousUnitId: request.unitId } : {}) },
        },
      ];
    }
    case 'ReceiveMessage': {
      const request = expectState(command, state);
      if (request.messageIds.has(command.message.messageId)) return [];
      return [messageReceived(request.id, by, at, request.contact.channel, command.message)];
    }
    case 'ReopenRequest': {
      const request = expectState(command, state);
      if (request.messageIds.has(command.message.messageId)) return [];
      const closedAt = request.closedAt ? Date.parse(request.closedAt) : Number.NEGATIVE_INFINITY;
      if (command.now.getTime() - closedAt >= command.windowMs) {
        throw new DomainRuleError(
          'reopen-window-passed',
          `Request ${request.id} closed more than ${Math.round(command.windowMs / 86_400_000)} days ago: a new message starts a new request.`,
        );
      }
      // Back to whoever had it; a request nobody had goes back to the queue.
      const to = request.assigneeId ? 'IN_PROGRESS' : 'NEW';
      return [
        { type: 'RequestReopened', data: { requestId: request.id, by, at, reason: 'the client wrote again', transition: { from: 'CLOSED', to } } },
        messageReceived(request.id, by, at, request.contact.channel, command.message),
      ];
    }
    case 'SendReply': {
      const request = expectState(command, state);
      if (request.replyIds.has(command.replyId)) return [];
      if (!command.text.trim()) throw new DomainRuleError('reply-needs-text', 'A reply needs text.');
      return [{ type: 'ReplySent', data: { requestId: request.id, by, at, replyId: command.replyId, text: command.text, contact: request.contact } }];
    }
    case 'EscalateRequest': {
      const request = expectState(command, state);
      const summary = command.summary?.trim();
      return [
        {
          type: 'RequestEscalated',
          data: {
            requestId: request.id,
            by,
            at,
            incidentId: command.incidentId,
            serviceCode: command.serviceCode,
            ...(summary ? { summary } : {}),
            transition: { from: 'IN_PROGRESS', to: 'ESCALATED' },
            priority: request.priority,
          },
        },
      ];
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
      return [
        {
          type: 'RequestClosed',
          data: { requestId: request.id, by, at, reason, incidentId: command.incidentId, transition: { from: 'ESCALATED', to: 'CLOSED' } },
        },
      ];
    }
    case 'CloseRequestForProblem': {
      if (state.exists && state.status === 'CLOSED') return []; // closed before (by an operator, or a redelivered event)
      const request = expectState(command, state);
      return [
        {
          type: 'RequestClosed',
          data: { requestId: request.id, by, at, reason: 'problem closed', problemId: command.problemId, transition: { from: request.status, to: 'CLOSED' } },
        },
      ];
    }
    case 'NotifyClient': {
      const request = expectState(command, state);
      if (request.notificationIds.has(command.notificationId)) return [];
      return [
        {
          type: 'ClientNotified',
          data: { requestId: request.id, by, at, notificationId: command.notificationId, text: command.text, contact: request.contact },
        },
      ];
    }
    case 'SetRequestSlaClock': {
      const request = expectState(command, state);
      if (sameSlaClock(request.sla, command.clock)) return [];
      return [{ type: 'RequestSlaClockSet', data: { requestId: request.id, by, at, clock: command.clock } }];
    }
    case 'RecordRequestSlaMark': {
      const request = expectState(command, state);
      if (!slaMarkDue(request.sla, request.slaMarks, command)) return [];
      const { target, dueAt } = command;
      const events: RequestEvent[] = [
        command.mark === 'warning'
          ? { type: 'RequestSlaWarning', data: { requestId: request.id, by, at, target, dueAt } }
          : { type: 'RequestSlaBreached', data: { requestId: request.id, by, at, target, dueAt } },
      ];
      const raised = request.status === 'CLOSED' ? undefined : slaEscalation(command, request.priority);
      if (raised)
        events.push({ type: 'RequestPrioritySet', data: { requestId: request.id, by, at, priority: raised, previous: request.priority ?? defaultPriority } });
      return events;
    }
    case 'RecordOutboundOutcome': {
      const request = expectState(command, state);
      const { outboundId, outcome } = command;
      if (!request.replyIds.has(outboundId) && !request.notificationIds.has(outboundId)) {
        throw new DomainRuleError('unknown-outbound', `No reply or notification ${outboundId} on this request.`);
      }
      const previous = request.outboundOutcomes.get(outboundId);
      const fact = { requestId: request.id, by, at, outboundId };
      // Held back again (a later window): a new time; once sent it is past scheduling.
      if (outcome === 'scheduled') {
        if (previous !== undefined && previous !== 'scheduled') return [];
        if (!command.until) throw new DomainRuleError('scheduled-without-time', 'A scheduled reply or notification needs the time it goes.');
        return [{ type: 'OutboundScheduled', data: { ...fact, until: command.until, reason: command.reason ?? 'requested' } }];
      }
      // Outcomes only move forward (sent → delivered or failed); a late or repeated report changes nothing.
      if (previous === outcome || previous === 'delivered' || previous === 'failed') return [];
      if (outcome === 'sent') return [{ type: 'OutboundSent', data: { ...fact, channelMessageId: command.channelMessageId } }];
      if (outcome === 'delivered') return [{ type: 'OutboundDelivered', data: fact }];
      return [{ type: 'OutboundFailed', data: { ...fact, reason: command.reason ?? 'unknown' } }];
    }
    default:
      return assertNever(command);
  }
};

function messageReceived(
  requestId: string,
  by: string,
  at: string,
  channel: ServiceRequest['contact']['channel'],
  message: NonNullable<Extract<RequestCommand, { type: 'RegisterRequest' }>['message']>,
): RequestEvent {
  return {
    type: 'MessageReceived',
    data: {
      requestId,
      by,
      at,
      messageId: message.messageId,
      channel,
      text: message.text,
      attachments: message.attachments ?? [],
      receivedAt: message.receivedAt.toISOString(),
    },
  };
}

/** Folds one event into the request. Pure; never fails on an event it has seen before. */
export const evolveRequest = (state: RequestState, event: RequestEvent): RequestState => {
  if (event.type === 'RequestRegistered') {
    const d = event.data;
    return {
      exists: true,
      id: d.requestId,
      status: 'NEW',
      contact: d.contact,
      subject: d.subject,
      department: d.department,
      clientId: d.clientId,
      previousRequestId: d.previousRequestId,
      priority: d.priority,
      ...(d.siteSlug ? { siteSlug: d.siteSlug } : {}),
      ...(d.unitId ? { unitId: d.unitId } : {}),
      messageIds: new Set(),
      replyIds: new Set(),
      notificationIds: new Set(),
      outboundOutcomes: new Map(),
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'RequestAssigned':
      return { ...state, assigneeId: event.data.assigneeId, department: event.data.department, status: event.data.transition?.to ?? state.status };
    case 'RequestPrioritySet':
      return { ...state, priority: event.data.priority };
    case 'ClientLinked':
      return { ...state, clientId: event.data.clientId, orderId: state.clientId === event.data.clientId ? state.orderId : undefined };
    case 'OrderLinked':
      return { ...state, orderId: event.data.orderId };
    case 'RequestUnitSet':
      // The site follows the unit: site staff's write access must agree with the list that shows it to them.
      return { ...state, unitId: event.data.unitId, siteSlug: event.data.siteSlug };
    case 'MessageReceived':
      return { ...state, messageIds: new Set([...state.messageIds, event.data.messageId]) };
    case 'ReplySent':
      return { ...state, replyIds: new Set([...state.replyIds, event.data.replyId]) };
    case 'RequestEscalated':
      return { ...state, status: 'ESCALATED', activeIncidentId: event.data.incidentId, incidentId: event.data.incidentId };
    case 'RequestClosed':
      return { ...state, status: 'CLOSED', activeIncidentId: undefined, closedAt: event.data.at, closedForProblemId: event.data.problemId };
    case 'RequestReopened':
      return { ...state, status: event.data.transition.to, closedAt: undefined, closedForProblemId: undefined };
    case 'ClientNotified':
      return { ...state, notificationIds: new Set([...state.notificationIds, event.data.notificationId]) };
    case 'OutboundScheduled':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'scheduled') };
    case 'OutboundSent':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'sent') };
    case 'OutboundDelivered':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'delivered') };
    case 'OutboundFailed':
      return { ...state, outboundOutcomes: new Map(state.outboundOutcomes).set(event.data.outboundId, 'failed') };
    case 'RequestSlaClockSet':
      return { ...state, sla: event.data.clock };
    case 'RequestSlaWarning':
      return { ...state, slaMarks: withSlaMark(state.slaMarks, 'warning', event.data.target, event.data.dueAt) };
    case 'RequestSlaBreached':
      return { ...state, slaMarks: withSlaMark(state.slaMarks, 'breach', event.data.target, event.data.dueAt) };
    default:
      return assertNever(event);
  }
};
