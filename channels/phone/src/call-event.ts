import { z } from 'zod';
import { storableJson } from '@switchboard/kernel';

export const callEventKinds = ['ringing', 'answered', 'hangup'] as const;
export type CallEventKind = (typeof callEventKinds)[number];

/** One step of a call, from the PBX webhook or from Asterisk AMI events. */
export interface CallEvent {
  /** The PBX's id of the call (AMI: the Linkedid shared by all its channels). */
  readonly callId: string;
  readonly event: CallEventKind;
  /** The caller's number as the PBX gave it. */
  readonly from: string;
  /** The number or extension called. */
  readonly to: string;
  /** The operator's phone (username, user id or extension) the call rings at or was answered on. */
  readonly agent?: string;
  readonly at: Date;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The body is not a call event; the errors name each bad field. */
export class CallEventPayloadError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'CallEventPayloadError';
  }
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const schema = z.object({
  callId: text(200),
  event: z.enum(callEventKinds, { message: `must be one of ${callEventKinds.join(', ')}` }),
  from: text(80),
  to: text(80),
  agent: text(200).optional(),
  at: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-11-25T10:00:00Z' }),
});

/** A generic PBX webhook body (`{ callId, event, from, to, agent?, at }`) as a call event; NUL and half surrogate pairs dropped. */
export function callEventFromWebhook(body: unknown): CallEvent {
  const parsed = schema.safeParse(storableJson(body));
  if (!parsed.success) {
    throw new CallEventPayloadError(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })));
  }
  const { at, ...rest } = parsed.data;
  return { ...rest, at: new Date(at) };
}
