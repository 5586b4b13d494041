import type { CallEvent } from './call-event';

/** What is known of one call, from all its events so far. */
export interface CallRecord {
  readonly callId: string;
  /** The caller's number in E.164 (calls from other caller ids are not recorded). */
  readonly caller: string;
  readonly callee: string;
  /** The latest operator's phone the call rang at or was answered on. */
  readonly agent?: string;
  readonly ringingAt?: Date;
  readonly answeredAt?: Date;
  /** The operator's phone (`agent`) of the earliest answer: who took the call, when the PBX said. */
  readonly answeredBy?: string;
  readonly endedAt?: Date;
  /** The request the call became, once it did. */
  readonly requestId?: string;
  /** When the call was declared missed: hung up, and no answer came within the grace period. */
  readonly missedAt?: Date;
}

/**
 * The calls the PBX reported. Events of one call may arrive in any order and more than once: each
 * is folded in by its own time (the earliest ringing, answer and hangup win), never by arrival.
 */
export interface CallLog {
  /**
   * Folds the event into the call and answers the call as it is now. A hangup of a call with no
   * answer (yet) becomes due to be declared missed `graceSeconds` later; an answer, whenever it
   * arrives, takes that back. An answer waits while the call is being declared missed.
   */
  record(event: CallEvent, caller: string, graceSeconds: number): Promise<CallRecord>;
  find(callId: string): Promise<CallRecord | undefined>;
  setRequest(callId: string, requestId: string): Promise<void>;
  /**
   * Takes one call whose grace ran out with no answer, runs `declare` (which stores it and answers
   * the request it became) while holding the call, and records it as missed. Several processes may
   * sweep at once: each call is taken by one. Answers false when no call is due.
   */
  declareNextMissedCall(declare: (call: CallRecord) => Promise<string>): Promise<boolean>;
  /** Puts a call whose declaration failed back in the queue, `seconds` from now. */
  postponeMissedCall(callId: string, seconds: number): Promise<void>;
  /** Milliseconds until the next call is due to be declared missed (0 when overdue), undefined when none waits. */
  nextMissedCallDueInMs(): Promise<number | undefined>;
}

export const CALL_LOG = Symbol('CallLog');
