/** Someone else wrote to the stream since the issuer read it; the issuer should reload and decide again. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedRevision: bigint,
    readonly actualRevision: bigint,
  ) {
    super(`${streamId} is at revision ${actualRevision}, not ${expectedRevision}: it changed since it was read`);
    this.name = 'ConcurrencyConflictError';
  }
}
