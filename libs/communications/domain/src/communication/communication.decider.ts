import { assertNever } from '@switchboard/kernel';
import type { Decider } from '@switchboard/kernel';
import type { CommunicationCommand, CommunicationCommandType } from './communication.commands';
import { CommunicationRuleError, CommunicationTransitionError } from './communication-errors';
import type { CommunicationEvent } from './communication.events';
import { initialCommunicationState } from './communication.state';
import type { Communication, CommunicationState, CommunicationStatus } from './communication.state';

/** Where each command may run ('NONE': before the communication exists). */
export const communicationTransitions: Readonly<Record<CommunicationCommandType, readonly (CommunicationStatus | 'NONE')[]>> = {
  RequestCommunication: ['NONE'],
  CancelCommunication: ['NOT_SENT', 'BOOKED'],
  DispatchCommunication: ['NOT_SENT', 'BOOKED'],
  RecordCommunicationSent: ['DISPATCHED'],
  RecordDeliveryOutcome: ['DISPATCHED', 'SENT'],
};

/** A repeat of what already happened (a redelivered receipt, a second cancel): nothing new, no error. */
const repeats: Readonly<Partial<Record<CommunicationCommandType, readonly CommunicationStatus[]>>> = {
  CancelCommunication: ['CANCELLED'],
  RecordCommunicationSent: ['SENT', 'DELIVERED', 'FAILED'],
  RecordDeliveryOutcome: ['DELIVERED', 'FAILED'],
};

export const maxMessageLength = 4_096;

function expectStatus(command: CommunicationCommand, state: CommunicationState): Communication | undefined {
  const current = state.exists ? state.status : 'NONE';
  if (state.exists && repeats[command.type]?.includes(state.status)) return undefined;
  const allowed = communicationTransitions[command.type];
  if (!state.exists || !allowed.includes(current)) throw new CommunicationTransitionError(command.type, current, allowed);
  return state;
}

/** Decides what a command on a communication means, given its history. Pure. */
export const decideCommunication = (command: CommunicationCommand, state: CommunicationState): CommunicationEvent[] => {
  const at = command.now.toISOString();
  const by = command.by;
  switch (command.type) {
    case 'RequestCommunication': {
      if (state.exists) throw new CommunicationTransitionError(command.type, state.status, communicationTransitions.RequestCommunication);
      const text = command.message.text.trim();
      if (text === '') throw new CommunicationRuleError('message-empty', 'A communication needs a message.');
      if (text.length > maxMessageLength) throw new CommunicationRuleError('message-too-long', `A message may be at most ${maxMessageLength} characters.`);
      if (command.address !== undefined && (!command.channel || !command.address.trim()))
        throw new CommunicationRuleError('address-needs-channel', 'An address is given only with the channel it is on.');
      if (command.sendAt && Number.isNaN(command.sendAt.getTime())) throw new CommunicationRuleError('send-at-invalid', 'The send time is not a time.');
      const communicationId = command.communicationId;
      const events: CommunicationEvent[] = [
        {
          type: 'CommunicationRequested',
          data: {
            communicationId,
            by,
            at,
            department: command.department,
            clientId: command.clientId,
            communicationType: command.communicationType,
            message: { ...command.message, text },
            ...(command.origin ? { origin: command.origin } : {}),
            ...(command.channel ? { channel: command.channel } : {}),
            ...(command.channel && command.address ? { address: command.address.trim() } : {}),
          },
        },
      ];
      // A time already come is "now": it goes through the dispatcher like any other.
      if (command.sendAt && command.sendAt.getTime() > command.now.getTime()) {
        events.push({ type: 'CommunicationBooked', data: { communicationId, by, at, until: command.sendAt.toISOString(), reason: 'requested' } });
      }
      return events;
    }
    case 'CancelCommunication': {
      const communication = expectStatus(command, state);
      if (!communication) return [];
      return [{ type: 'CommunicationCancelled', data: { communicationId: communication.id, by, at, ...(command.reason ? { reason: command.reason } : {}) } }];
    }
    case 'DispatchCommunication': {
      const communication = expectStatus(command, state);
      if (!communication) return [];
      if (communication.status === 'BOOKED' && communication.bookedUntil && Date.parse(communication.bookedUntil) > command.now.getTime()) {
        throw new CommunicationRuleError('booking-not-due', `It is booked until ${communication.bookedUntil}.`);
      }
      const communicationId = communication.id;
      const verdict = command.verdict;
      switch (verdict.kind) {
        case 'dispatch':
          return [
            {
              type: 'CommunicationDispatched',
              data: { communicationId, by, at, channel: verdict.channel, address: verdict.address, ...(verdict.marketing ? { marketing: true as const } : {}) },
            },
          ];
        case 'book':
          return [
            {
              type: 'CommunicationBooked',
              data: { communicationId, by, at, until: verdict.until.toISOString(), reason: verdict.reason, ...(verdict.rule ? { rule: verdict.rule } : {}) },
            },
          ];
        case 'block':
          return [{ type: 'CommunicationBlocked', data: { communicationId, by, at, rule: verdict.rule, detail: verdict.detail } }];
        case 'fail':
          return [{ type: 'CommunicationFailed', data: { communicationId, by, at, reason: `${verdict.reason}: ${verdict.detail}` } }];
        default:
          return assertNever(verdict);
      }
    }
    case 'RecordCommunicationSent': {
      const communication = expectStatus(command, state);
      if (!communication) return [];
      if (!communication.channel) throw new CommunicationRuleError('not-dispatched', 'It was never handed to a channel.');
      return [
        {
          type: 'CommunicationSent',
          data: {
            communicationId: communication.id,
            by,
            at,
            channel: communication.channel,
            ...(command.providerMessageId ? { providerMessageId: command.providerMessageId } : {}),
          },
        },
      ];
    }
    case 'RecordDeliveryOutcome': {
      const communication = expectStatus(command, state);
      if (!communication) return [];
      const delivered: CommunicationEvent = { type: 'CommunicationDelivered', data: { communicationId: communication.id, by, at } };
      if (command.outcome === 'delivered' && communication.status === 'DISPATCHED' && communication.channel) {
        // The receipt overtook the sender's own record (the SMSC answers and reports at once): it was sent.
        const sent: CommunicationEvent = {
          type: 'CommunicationSent',
          data: {
            communicationId: communication.id,
            by,
            at,
            channel: communication.channel,
            ...(command.providerMessageId ? { providerMessageId: command.providerMessageId } : {}),
          },
        };
        return [sent, delivered];
      }
      if (command.outcome === 'delivered') return [delivered];
      return [
        {
          type: 'CommunicationFailed',
          data: { communicationId: communication.id, by, at, reason: command.reason?.trim() || 'the channel reported a failure' },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

/** Folds one event into the communication. */
export const evolveCommunication = (state: CommunicationState, event: CommunicationEvent): CommunicationState => {
  if (event.type === 'CommunicationRequested') {
    const d = event.data;
    return {
      exists: true,
      id: d.communicationId,
      status: 'NOT_SENT',
      department: d.department,
      clientId: d.clientId,
      communicationType: d.communicationType,
      message: d.message,
      ...(d.origin ? { origin: d.origin } : {}),
      ...(d.channel ? { demandedChannel: d.channel } : {}),
      ...(d.channel && d.address ? { demandedAddress: d.address } : {}),
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'CommunicationBooked':
      return { ...state, status: 'BOOKED', bookedUntil: event.data.until };
    case 'CommunicationCancelled':
      return { ...state, status: 'CANCELLED' };
    case 'CommunicationDispatched':
      return {
        ...state,
        status: 'DISPATCHED',
        channel: event.data.channel,
        address: event.data.address,
        ...(event.data.marketing ? { marketing: true as const } : {}),
      };
    case 'CommunicationSent':
      return { ...state, status: 'SENT', channel: event.data.channel };
    case 'CommunicationDelivered':
      return { ...state, status: 'DELIVERED' };
    case 'CommunicationFailed':
      return { ...state, status: 'FAILED' };
    case 'CommunicationBlocked':
      return { ...state, status: 'BLOCKED' };
    default:
      return assertNever(event);
  }
};

export const communicationDecider: Decider<CommunicationCommand, CommunicationEvent, CommunicationState> = {
  decide: decideCommunication,
  evolve: evolveCommunication,
  initialState: initialCommunicationState,
};
