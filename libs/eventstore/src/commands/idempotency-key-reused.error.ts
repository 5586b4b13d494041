/** A command id (Idempotency-Key) came back with another command or body than the one it was first used for. */
export class IdempotencyKeyReusedError extends Error {
  constructor(
    readonly commandId: string,
    readonly streamId: string,
  ) {
    super(`The Idempotency-Key ${commandId} was used for another command or body on ${streamId}; send a new key for a new command.`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
