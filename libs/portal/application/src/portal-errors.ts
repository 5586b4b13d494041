/** The caller's account is not linked to a client yet: they accept an invitation or claim by verified email first. */
export class PortalAccountNotLinkedError extends Error {
  constructor() {
    super('Your account is not linked to a client yet: open the invitation you received, or sign up with the email we have on file.');
    this.name = 'PortalAccountNotLinkedError';
  }
}

/** A unit, request, file or pass the resident may not see: answered as not found (404). */
export class PortalNotFoundError extends Error {
  constructor(
    readonly entity: 'unit' | 'request' | 'file' | 'client',
    readonly id: string,
  ) {
    super(`No ${entity} ${id}.`);
    this.name = 'PortalNotFoundError';
  }
}

/** A business rule refused the portal command (422 with the rule's name). */
export class PortalRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalRuleError';
  }
}
