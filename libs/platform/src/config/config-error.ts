/** A configuration variable that is missing or malformed; the message is one line meant for an operator. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly got: string | undefined,
  ) {
    super(got === undefined ? `${variable} is required: expected ${expected}` : `${variable} is invalid: expected ${expected}, got ${JSON.stringify(got)}`);
    this.name = 'ConfigError';
  }
}
