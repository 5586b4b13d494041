import { ProblemException, problemTypes, validationProblem } from '@switchboard/platform';
import { InvalidQueryError } from '@switchboard/read-models';

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
