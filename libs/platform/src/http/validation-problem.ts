import { ProblemException, problemTypes } from './problem-details';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The one 400 answer of the API: every bad field named, with what was expected. */
export function validationProblem(title: string, errors: readonly FieldProblem[]): ProblemException {
  return new ProblemException({
    type: problemTypes.validation,
    title,
    status: 400,
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
}
