/**
 * An answer the survey refuses: `not-found` (no such survey), `completed` (a changed answer after
 * completion), `unknown-question`, `invalid-answer`, `incomplete` (a submit that leaves a required
 * question unanswered).
 */
export class SurveyResponseError extends Error {
  constructor(
    readonly rule: 'not-found' | 'completed' | 'unknown-question' | 'invalid-answer' | 'incomplete',
    message: string,
    readonly problems: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'SurveyResponseError';
  }
}
