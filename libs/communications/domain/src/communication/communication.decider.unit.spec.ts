import { deciderSpec } from '@switchboard/kernel/testing';
import { communicationDecider } from './communication.decider';
import { CommunicationRuleError, CommunicationTransitionError } from './communication-errors';
import type { CommunicationEvent } from './communication.events';

const id = 'c-1';
const now = new Date('2026-12-06T10:00:00.000Z');
const at = now.toISOString();
const by = 'system:dispatcher';
const spec = deciderSpec(communicationDecider);

const request = {
  type: 'RequestCommunication',
  communicationId: id,
  department: 'first-line-north',
  clientId: 'client-1',
  communicationType: 'mass',
  message: { text: 'Planned works tonight' },
  by: 'hd.manager.north',
  now,
} as const;
const requested: CommunicationEvent = {
  type: 'CommunicationRequested',
  data: {
    communicationId: id,
    by: 'hd.manager.north',
    at,
    department: 'first-line-north',
    clientId: 'client-1',
    communicationType: 'mass',
    message: { text: 'Planned works tonight' },
  },
};
const booked = (until: string, reason: 'requested' | 'quiet-hours' = 'requested'): CommunicationEvent => ({
  type: 'CommunicationBooked',
  data: { communicationId: id, by, at, until, reason },
});
const dispatched: CommunicationEvent = { type: 'CommunicationDispatched', data: { communicationId: id, by, at, channel: 'sms', address: '+79160000001' } };
const sent: CommunicationEvent = { type: 'CommunicationSent', data: { communicationId: id, by, at, channel: 'sms', providerMessageId: 'smsc-7' } };

describe('a communication', () => {
  it('is requested not sent when it goes now', () => {
    spec.given([]).when(request).then([requested]);
  });

  it('keeps the channel and the address it must go to there (a reply to the chat the client wrote from)', () => {
    spec
      .given([])
      .when({ ...request, channel: 'messenger', address: ' 1001 ' })
      .then([{ ...requested, data: { ...requested.data, channel: 'messenger', address: '1001' } }] as CommunicationEvent[]);
  });

  it('refuses an address without the channel it is on', () => {
    spec
      .given([])
      .when({ ...request, address: '1001' })
      .thenThrows(CommunicationRuleError);
  });

  it('is booked for the time asked when that time is later', () => {
    const later = new Date('2026-12-07T09:00:00.000Z');
    spec
      .given([])
      .when({ ...request, by, sendAt: later })
      .then([
        { ...requested, data: { ...requested.data, by } },
        { type: 'CommunicationBooked', data: { communicationId: id, by, at, until: later.toISOString(), reason: 'requested' } },
      ] as CommunicationEvent[]);
  });

  it('goes now when the time asked has already come', () => {
    spec
      .given([])
      .when({ ...request, sendAt: new Date('2026-12-06T09:00:00.000Z') })
      .then([requested]);
  });

  it('refuses an empty or an overlong message, and a second request', () => {
    spec
      .given([])
      .when({ ...request, message: { text: '   ' } })
      .thenThrows(CommunicationRuleError, { rule: 'message-empty' });
    spec
      .given([])
      .when({ ...request, message: { text: 'x'.repeat(4_097) } })
      .thenThrows(CommunicationRuleError, { rule: 'message-too-long' });
    spec.given([requested]).when(request).thenThrows(CommunicationTransitionError, { state: 'NOT_SENT' });
  });

  it('is dispatched to the channel the policies chose', () => {
    spec
      .given([requested])
      .when({ type: 'DispatchCommunication', verdict: { kind: 'dispatch', channel: 'sms', address: '+79160000001' }, by, now })
      .then([dispatched]);
  });

  it('is booked again when a policy holds it back, and records why', () => {
    const until = new Date('2026-12-07T05:00:00.000Z');
    spec
      .given([requested])
      .when({ type: 'DispatchCommunication', verdict: { kind: 'book', until, reason: 'quiet-hours' }, by, now })
      .then([booked(until.toISOString(), 'quiet-hours')]);
  });

  it('is not dispatched before its booking is due', () => {
    spec
      .given([requested, booked('2026-12-06T11:00:00.000Z')])
      .when({ type: 'DispatchCommunication', verdict: { kind: 'dispatch', channel: 'sms', address: '+7' }, by, now })
      .thenThrows(CommunicationRuleError, { rule: 'booking-not-due' });
    spec
      .given([requested, booked('2026-12-06T09:59:00.000Z')])
      .when({ type: 'DispatchCommunication', verdict: { kind: 'dispatch', channel: 'sms', address: '+79160000001' }, by, now })
      .then([dispatched]);
  });

  it('ends blocked with the rule, or failed with the reason no channel carries it', () => {
    spec
      .given([requested])
      .when({ type: 'DispatchCommunication', verdict: { kind: 'block', rule: 'opted-out', detail: 'the client opted out of marketing' }, by, now })
      .then([{ type: 'CommunicationBlocked', data: { communicationId: id, by, at, rule: 'opted-out', detail: 'the client opted out of marketing' } }]);
    spec
      .given([requested])
      .when({ type: 'DispatchCommunication', verdict: { kind: 'fail', reason: 'no-channel', detail: 'sms: no address' }, by, now })
      .then([{ type: 'CommunicationFailed', data: { communicationId: id, by, at, reason: 'no-channel: sms: no address' } }]);
  });

  it('is cancelled while booked, once, and not after it was dispatched', () => {
    const cancelled: CommunicationEvent = { type: 'CommunicationCancelled', data: { communicationId: id, by: 'hd.manager.north', at } };
    const cancel = { type: 'CancelCommunication', by: 'hd.manager.north', now } as const;
    spec
      .given([requested, booked('2026-12-07T00:00:00.000Z')])
      .when(cancel)
      .then([cancelled]);
    spec
      .given([requested, booked('2026-12-07T00:00:00.000Z'), cancelled])
      .when(cancel)
      .then([]);
    spec.given([requested, dispatched]).when(cancel).thenThrows(CommunicationTransitionError, { state: 'DISPATCHED' });
  });

  it('is sent once, then delivered or failed by the receipts, and a repeated receipt changes nothing', () => {
    spec.given([requested, dispatched]).when({ type: 'RecordCommunicationSent', providerMessageId: 'smsc-7', by, now }).then([sent]);
    spec.given([requested, dispatched, sent]).when({ type: 'RecordCommunicationSent', providerMessageId: 'smsc-7', by, now }).then([]);
    const delivered: CommunicationEvent = { type: 'CommunicationDelivered', data: { communicationId: id, by, at } };
    spec.given([requested, dispatched, sent]).when({ type: 'RecordDeliveryOutcome', outcome: 'delivered', by, now }).then([delivered]);
    spec.given([requested, dispatched, sent, delivered]).when({ type: 'RecordDeliveryOutcome', outcome: 'delivered', by, now }).then([]);
    spec
      .given([requested, dispatched])
      .when({ type: 'RecordDeliveryOutcome', outcome: 'failed', reason: 'ESME_RINVDSTADR', by, now })
      .then([{ type: 'CommunicationFailed', data: { communicationId: id, by, at, reason: 'ESME_RINVDSTADR' } }]);
  });

  it('records it sent and delivered when the receipt overtakes the sender’s own record, and the sender’s record then changes nothing', () => {
    const delivered: CommunicationEvent = { type: 'CommunicationDelivered', data: { communicationId: id, by, at } };
    const sentByReceipt: CommunicationEvent = { type: 'CommunicationSent', data: { communicationId: id, by, at, channel: 'sms', providerMessageId: 'smsc-7' } };
    spec
      .given([requested, dispatched])
      .when({ type: 'RecordDeliveryOutcome', outcome: 'delivered', providerMessageId: 'smsc-7', by, now })
      .then([sentByReceipt, delivered]);
    spec.given([requested, dispatched, sentByReceipt, delivered]).when({ type: 'RecordCommunicationSent', providerMessageId: 'smsc-7', by, now }).then([]);
  });

  it('records nothing as sent that was never handed to a channel', () => {
    spec.given([requested]).when({ type: 'RecordCommunicationSent', by, now }).thenThrows(CommunicationTransitionError, { state: 'NOT_SENT' });
    spec.given([]).when({ type: 'RecordDeliveryOutcome', outcome: 'delivered', by, now }).thenThrows(CommunicationTransitionError, { state: 'NONE' });
  });
});
