export interface PhoneCallOptions {
  /** How long a call hung up unanswered waits for a late "answered" event before it counts as missed. */
  readonly missedCallGraceSeconds: number;
}

export const PHONE_CALL_OPTIONS = Symbol('PhoneCallOptions');
