import { storableText } from '@switchboard/kernel';
import { normalisePhone } from '@switchboard/customers/domain';
import type { CallEvent } from '../call-event';
import type { AmiMessage } from './ami-frame-parser';

/** `PJSIP/101-00000001` → `101`: the extension an operator's phone is registered as. */
export function extensionOf(channel: string | undefined): string | undefined {
  const match = channel ? /^[^/]+\/([^-@/]+)/.exec(channel) : null;
  return match?.[1];
}

/**
 * Reads an Asterisk AMI event as a step of a call, or undefined when it is not one. The call's id
 * is the Linkedid its channels share; only the call's first channel (Uniqueid = Linkedid) starts
 * or ends it:
 * - Newchannel of the first channel: ringing (the call reached the PBX);
 * - DialBegin: ringing at an operator's phone (`agent`: the dialled extension);
 * - DialEnd with DialStatus ANSWER: answered by that operator;
 * - Hangup of the first channel: the call ended.
 * A call whose caller id is not a phone number (an internal extension, an operator calling out,
 * a withheld number) is not a customer's call and is not read. The event's time is its own
 * `Timestamp` (manager.conf `timestampevents = yes`) when Asterisk sends one, else `receivedAt`:
 * events of one call are reconciled by when they happened, not by when they arrived.
 */
export function callEventFromAmi(message: AmiMessage, receivedAt: Date): CallEvent | undefined {
  const callId = message.Linkedid ? storableText(message.Linkedid) : undefined;
  if (!callId) return undefined;
  const from = normalisePhone(message.CallerIDNum);
  if (!from) return undefined;
  const to = storableText(message.Exten ?? '');
  const at = timestampOf(message) ?? receivedAt;
  const first = message.Uniqueid === callId;
  switch (message.Event) {
    case 'Newchannel':
      return first ? { callId, event: 'ringing', from, to, at } : undefined;
    case 'DialBegin':
      return { callId, event: 'ringing', from, to, agent: agentOf(message), at };
    case 'DialEnd':
      return message.DialStatus === 'ANSWER' ? { callId, event: 'answered', from, to, agent: agentOf(message), at } : undefined;
    case 'Hangup':
      return first ? { callId, event: 'hangup', from, to, at } : undefined;
    default:
      return undefined;
  }
}

function agentOf(message: AmiMessage): string | undefined {
  const agent = extensionOf(message.DestChannel) ?? message.DialString;
  return agent === undefined ? undefined : storableText(agent);
}

/** `Timestamp: 1764064800.123456` (seconds since the epoch, with microseconds). */
function timestampOf(message: AmiMessage): Date | undefined {
  const raw = message.Timestamp?.trim();
  if (!raw || !/^\d{9,11}(\.\d{1,9})?$/.test(raw)) return undefined;
  return new Date(Math.round(Number(raw) * 1000));
}
