/** The settings changed since the manager read them (If-Match). */
export class StaleAutoAssignmentSettingsError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The automatic assignment settings are at version ${actual}, not ${expected}: they changed since you read them`);
    this.name = 'StaleAutoAssignmentSettingsError';
  }
}

/** The caller does not manage this department or work group. */
export class AutoAssignmentForbiddenError extends Error {
  constructor(
    readonly rule: 'auto-assignment-not-your-department' | 'auto-assignment-not-your-work-group',
    message: string,
  ) {
    super(message);
    this.name = 'AutoAssignmentForbiddenError';
  }
}
