/** A command that the current state does not allow; names the state and what would be allowed. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly entity: 'request' | 'incident',
    readonly command: string,
    readonly state: string,
    readonly allowedStates: readonly string[],
  ) {
    super(`${command} is not allowed for a ${entity} in state ${state}; allowed in: ${allowedStates.join(', ') || 'none'}`);
    this.name = 'IllegalTransitionError';
  }
}

/** A command that breaks a business rule other than the state machine (missing reason, no client, ...). */
export class DomainRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}
