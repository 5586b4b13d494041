/**
 * Event store positions are opaque to callers of the port. Processors, lag counts and
 * read-your-writes still need to order them, so this one knows the two formats the adapters produce:
 *   PostgreSQL   `<transaction id>:<global position>` (libs/eventstore/src/postgres/postgres-checkpoint.ts)
 *   EventStoreDB `<commit>/<prepare>`                 (libs/eventstore/src/esdb/esdb-mapping.ts)
 * Both order as a pair of unsigned integers, first part first.
 */
export interface DecodedPosition {
  readonly format: 'postgres' | 'esdb';
  readonly major: bigint;
  readonly minor: bigint;
}

const POSTGRES = /^(\d{1,20}):(\d{1,19})$/;
const ESDB = /^(\d{1,20})\/(\d{1,20})$/;

export function decodePosition(position: string): DecodedPosition {
  const pg = POSTGRES.exec(position);
  if (pg) return { format: 'postgres', major: BigInt(pg[1]), minor: BigInt(pg[2]) };
  const esdb = ESDB.exec(position);
  if (esdb) return { format: 'esdb', major: BigInt(esdb[1]), minor: BigInt(esdb[2]) };
  throw new TypeError(`Not an event store position: '${position}'`);
}

export function isPosition(value: string): boolean {
  return POSTGRES.test(value) || ESDB.test(value);
}

/** Negative, zero or positive like a sort comparator; `undefined` (the start) precedes every position. */
export function comparePositions(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const x = decodePosition(a);
  const y = decodePosition(b);
  if (x.format !== y.format) throw new TypeError(`Positions of different event stores cannot be compared: '${a}' and '${b}'`);
  if (x.major !== y.major) return x.major < y.major ? -1 : 1;
  if (x.minor !== y.minor) return x.minor < y.minor ? -1 : 1;
  return 0;
}
