import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { textProblems } from './text-problems';
import { validationProblem } from './validation-problem';

export type InputSource = 'body' | 'query' | 'path';

const titles: Record<InputSource, string> = { body: 'invalid request body', query: 'invalid query parameters', path: 'invalid path parameters' };

/**
 * Validates one input of a route with the zod schema its OpenAPI description is generated from:
 * a 400 naming every bad field, text PostgreSQL could not store included.
 */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    readonly schema: T,
    readonly source: InputSource,
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<T> {
    const root = this.source === 'path' ? (metadata?.data ?? 'path') : '';
    const input = this.source === 'path' ? value : (value ?? {});
    const unstorable = textProblems(input, root);
    if (unstorable.length > 0) throw validationProblem(titles[this.source], unstorable);
    const result = this.schema.safeParse(input);
    if (result.success) return result.data;
    const errors = result.error.issues.map((issue) => ({
      field: [root, ...issue.path.map(String)].filter(Boolean).join('.') || `(${this.source})`,
      message: issue.message,
    }));
    throw validationProblem(titles[this.source], errors);
  }
}
