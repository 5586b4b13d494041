/**
 * A PostgreSQL position is `<transaction id>:<global position>` in decimal, e.g. `"7421:1093"`:
 * the order in which rows become stable is (transaction id, global position), not the global
 * position alone (see README). Callers treat it as opaque.
 */
export interface Checkpoint {
  readonly transactionId: bigint;
  readonly globalPosition: bigint;
}

/** Before every event: transaction ids start at 3. */
export const START: Checkpoint = { transactionId: 0n, globalPosition: 0n };

const FORMAT = /^(\d{1,20}):(\d{1,19})$/;

export function encodeCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.transactionId}:${checkpoint.globalPosition}`;
}

export function decodeCheckpoint(position: string): Checkpoint {
  const match = FORMAT.exec(position);
  if (!match) throw new TypeError(`Not a PostgreSQL event store position: '${position}'`);
  return { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}
