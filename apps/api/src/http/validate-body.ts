import type { z } from 'zod';
import { ProblemException, problemTypes } from '@switchboard/platform';

/** Validates a payload at the edge; a bad one is a 400 naming every bad field. */
export function validateBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  throw new ProblemException({
    type: problemTypes.validation,
    title: 'invalid request body',
    status: 400,
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
}
