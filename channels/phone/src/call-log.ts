import type { CallEvent } from './call-event';

/** What is known of one call, from all its events so far. */
export interface CallRecord {
  readonly callId: string;
  /** E.164 when the caller's number is a phone number, else as the PBX gave it. */
  readonly caller: string;
  readonly callee: string;
  readonly agent?: string;
  readonly ringingAt?: Date;
  readonly answeredAt?: Date;
  readonly endedAt?: Date;
  /** The request the call became, once it did. */
  readonly requestId?: string;
}

/** The calls the PBX reported; events of one call may arrive in any order and more than once. */
export interface CallLog {
  /** Folds the event into the call (first times win) and answers the call as it is now. */
  record(event: CallEvent, caller: string): Promise<CallRecord>;
  find(callId: string): Promise<CallRecord | undefined>;
  setRequest(callId: string, requestId: string): Promise<void>;
}

export const CALL_LOG = Symbol('CallLog');
