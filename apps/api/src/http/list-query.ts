import { z } from 'zod';
import { ProblemException, problemTypes } from '@switchboard/platform';
import { InvalidQueryError, listSorts } from '@switchboard/read-models';
import { validationProblem } from './validation-problem';

/** `?state=NEW,IN_PROGRESS` or `?state=NEW&state=IN_PROGRESS`. */
export const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : raw.split(',')).map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const sortParam = z.enum(listSorts);
export const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z' }).transform((v) => new Date(v));
export const positiveInt = z.coerce.number().int('must be a whole number').positive('must be positive');

/** Query parameters validated like bodies: a 400 naming each bad parameter. */
export function validateQuery<T extends z.ZodType>(schema: T, query: unknown): z.infer<T> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(query)', message: issue.message }));
  throw validationProblem('invalid query parameters', errors);
}

/** A read model refusing a parameter (e.g. a cursor from another sort) answers 400, not 500. */
export async function answering<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof InvalidQueryError) {
      throw validationProblem('invalid query parameters', [{ field: error.field, message: error.detail }]);
    }
    throw error;
  }
}

export function notFound(entity: string, id: string): ProblemException {
  return new ProblemException({ type: problemTypes.notFound, title: `${entity} not found`, status: 404, detail: `No ${entity} ${id}.` });
}
