/** Why a guard may not let the visitor in on this pass. */
export const checkInRefusals = ['revoked', 'not-yet-valid', 'expired', 'already-used'] as const;
export type CheckInRefusal = (typeof checkInRefusals)[number];

/** A check-in the pass does not allow: revoked, outside its window, or a one-time pass used already. */
export class CheckInRefusedError extends Error {
  constructor(
    readonly passId: string,
    readonly reason: CheckInRefusal,
  ) {
    super(`pass ${passId} does not admit now: ${reason}`);
    this.name = 'CheckInRefusedError';
  }
}

/** A pass that breaks a rule at creation, or a command on a pass that does not exist or is not in a state for it. */
export class PassRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly problems: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'PassRuleError';
  }
}
