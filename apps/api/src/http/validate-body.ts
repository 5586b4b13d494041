import type { z } from 'zod';
import { validationProblem } from './validation-problem';

/** Validates a payload at the edge; a bad one is a 400 naming every bad field. */
export function validateBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  throw validationProblem('invalid request body', errors);
}
