import type { components } from './schema';

/** An RFC 9457 problem+json answer of the API (the generated schema), possibly partial when it came from elsewhere. */
export type Problem = Partial<components['schemas']['Problem']>;

/** A non-2xx answer, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get isConflict(): boolean {
    return this.status === 409 && this.problem.current !== undefined;
  }

  /** Field name → message, for forms. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A human sentence for an error, in the operator's language: the API's own words (its detail
 * names the rule and the state) under a translated heading that says what kind of problem it is.
 */
export function describeProblem(error: unknown, t: Translate): { title: string; message: string } {
  if (!isApiError(error)) return { title: t('problem.unexpected'), message: error instanceof Error ? error.message : String(error) };
  const { status, problem } = error;
  const detail = problem.detail ?? '';
  switch (status) {
    case 0:
      return { title: t('problem.offline'), message: t('problem.offlineHint') };
    case 400:
      return { title: t('problem.invalid'), message: (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ') || detail };
    case 401:
      return { title: t('problem.unauthenticated'), message: t('problem.signInAgain') };
    case 403:
      return { title: t('problem.forbidden'), message: detail };
    case 404:
      return { title: t('problem.notFound'), message: detail };
    case 409:
      return problem.current
        ? { title: t('conflict.title'), message: t('conflict.message', { state: t(`state.${problem.current.state}`) }) }
        : { title: t('problem.conflict'), message: detail };
    case 422:
      return {
        title: t('problem.notAllowed'),
        message: problem.allowedActions
          ? `${detail} ${t('problem.allowedNow', { actions: problem.allowedActions.map((a) => t(`action.${a}`)).join(', ') || '—' })}`
          : detail,
      };
    case 413:
      return { title: t('problem.tooLarge'), message: detail };
    case 503:
      return { title: t('problem.unavailable'), message: detail };
    default:
      return { title: status >= 500 ? t('problem.server') : t('problem.unexpected'), message: detail || `HTTP ${status}` };
  }
}
