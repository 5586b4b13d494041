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
 * a withheld number) is not a customer's call and is not read.
 */
export function callEventFromAmi(message: AmiMessage, at: Date): CallEvent | undefined {
  const callId = message.Linkedid;
  if (!callId) return undefined;
  const from = normalisePhone(message.CallerIDNum);
  if (!from) return undefined;
  const to = message.Exten ?? '';
  const first = message.Uniqueid === callId;
  switch (message.Event) {
    case 'Newchannel':
      return first ? { callId, event: 'ringing', from, to, at } : undefined;
    case 'DialBegin':
      return { callId, event: 'ringing', from, to, agent: extensionOf(message.DestChannel) ?? message.DialString, at };
    case 'DialEnd':
      return message.DialStatus === 'ANSWER' ? { callId, event: 'answered', from, to, agent: extensionOf(message.DestChannel) ?? message.DialString, at } : undefined;
    case 'Hangup':
      return first ? { callId, event: 'hangup', from, to, at } : undefined;
    default:
      return undefined;
  }
}
