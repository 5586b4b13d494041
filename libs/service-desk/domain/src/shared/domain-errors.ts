/** A command that the current state does not allow; names the state and what would be allowed. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly entity: 'request' | 'incident' | 'problem',
    readonly command: string,
    readonly state: string,
    readonly allowedStates: readonly string[],
  ) {
    super(`${command} is not allowed for a ${entity} in state ${state}; allowed in: ${allowedStates.join(', ') || 'none'}`);
    this.name = 'IllegalTransitionError';
  }
}

/**
 * Taking an item from a queue that someone else took first: the state machine refuses it as any
 * other illegal move, but the API answers 409 (a race lost, not a mistake), naming who has it.
 */
export class AlreadyTakenError extends IllegalTransitionError {
  constructor(
    entity: 'request' | 'incident' | 'problem',
    command: string,
    state: string,
    allowedStates: readonly string[],
    readonly assigneeId: string,
  ) {
    super(entity, command, state, allowedStates);
    this.message = `Someone else took this ${entity} first (it is ${state} now).`;
    this.name = 'AlreadyTakenError';
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
