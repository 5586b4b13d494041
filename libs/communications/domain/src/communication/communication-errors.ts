/** A command the communication's status does not allow; names the status and where it would be allowed. */
export class CommunicationTransitionError extends Error {
  constructor(
    readonly command: string,
    readonly state: string,
    readonly allowedStates: readonly string[],
  ) {
    super(`${command} is not allowed for a communication in status ${state}; allowed in: ${allowedStates.join(', ') || 'none'}`);
    this.name = 'CommunicationTransitionError';
  }
}

/** A command that breaks a rule of communications other than the status (an empty message, a booking in the past, ...). */
export class CommunicationRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommunicationRuleError';
  }
}
