import { STREAM_REVISION_CONSTRAINT } from './postgres-schema';

interface DatabaseError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const asDatabaseError = (error: unknown): DatabaseError => (typeof error === 'object' && error !== null ? error : {});

/** A concurrent append took the revision this one was inserting. */
export function isRevisionTaken(error: unknown): boolean {
  const { code, constraint } = asDatabaseError(error);
  return code === '23505' && constraint === STREAM_REVISION_CONSTRAINT;
}

const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** The connection, not the query, failed: worth trying again on a fresh one. */
export function isTransientConnectionError(error: unknown): boolean {
  const { code, message } = asDatabaseError(error);
  if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_CODES.has(code))) return true;
  return typeof message === 'string' && /^Connection terminated/.test(message);
}
