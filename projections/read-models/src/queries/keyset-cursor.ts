import { InvalidQueryError, isUuid } from './sql';

export const listSorts = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'dueAt', '-dueAt'] as const;
export type ListSort = (typeof listSorts)[number];

export interface Keyset {
  /** The sort column (a timestamptz), the id as tie-breaker; both indexed together. */
  readonly column: 'updated_at' | 'created_at' | 'sla_due_at';
  readonly direction: 'ASC' | 'DESC';
}

export function keysetOf(sort: ListSort | undefined): Keyset {
  const value = sort ?? '-updatedAt';
  if (!(listSorts as readonly string[]).includes(value)) throw new InvalidQueryError('sort', `must be one of ${listSorts.join(', ')}`);
  // dueAt: the next SLA due time; those without one (no policy, paused, met) come last.
  const column = value.endsWith('updatedAt') ? 'updated_at' : value.endsWith('dueAt') ? 'sla_due_at' : 'created_at';
  return { column, direction: value.startsWith('-') ? 'DESC' : 'ASC' };
}

interface CursorBody {
  readonly s: string;
  readonly v: string;
  readonly id: string;
}

/** Opaque to clients: the sort it belongs to and the last row's (sort value, id). */
export function encodeCursor(sort: ListSort, value: Date, id: string): string {
  const body: CursorBody = { s: sort, v: value.toISOString(), id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: ListSort): { value: string; id: string } {
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw new InvalidQueryError('cursor', 'is not a cursor this API issued');
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof body.v !== 'string' ||
    typeof body.id !== 'string' ||
    !isUuid(body.id) ||
    Number.isNaN(Date.parse(body.v))
  ) {
    throw new InvalidQueryError('cursor', 'is not a cursor this API issued');
  }
  if (body.s !== sort) throw new InvalidQueryError('cursor', `belongs to sort ${String(body.s)}, not ${sort}`);
  return { value: body.v, id: body.id };
}
