/** How a command reached us: who issued it, the idempotency key, and the revision the issuer saw. */
export interface CommandEnvelope {
  /** Client-generated; resubmitting the same id is idempotent (same result, no new events). */
  readonly commandId: string;
  /** The stream revision the operator saw (`If-Match`); absent means "whatever is current". */
  readonly expectedRevision?: bigint;
  /** System commands retry on a concurrent write; user commands surface it as a conflict. */
  readonly origin: 'user' | 'system';
  /**
   * What the command asked, hashed (e.g. the route and its body): stored with the command id, so
   * the same id coming back with something else is refused instead of answered with the first result.
   */
  readonly fingerprint?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export interface CommandResult {
  readonly streamId: string;
  /** Revision of the stream's last event after the command (-1 when the stream has none). */
  readonly revision: bigint;
  /** Global position of the last event written or, for a no-op, last seen; for read-your-writes. */
  readonly position: string | null;
  /** False when the command changed nothing (already applied, or a no-op). */
  readonly appended: boolean;
}
