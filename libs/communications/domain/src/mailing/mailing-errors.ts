/** A command the mailing's status does not allow; names the status and where it would be allowed. */
export class MailingTransitionError extends Error {
  constructor(
    readonly command: string,
    readonly state: string,
    readonly allowedStates: readonly string[],
  ) {
    super(`${command} is not allowed for a mailing in status ${state}; allowed in: ${allowedStates.join(', ') || 'none'}`);
    this.name = 'MailingTransitionError';
  }
}

/** A mailing that breaks a rule other than the status (no name, an empty audience, a throttle out of range). */
export class MailingRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly problems: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'MailingRuleError';
  }
}
