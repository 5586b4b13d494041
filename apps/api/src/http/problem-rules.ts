import type { CallHandler, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { catchError, from, mergeMap, throwError } from 'rxjs';
import { ProblemException, problemTypes } from '@switchboard/platform';
import type { ProblemDetails } from '@switchboard/platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- error classes take any constructor arguments
type ErrorClass<E extends Error> = abstract new (...args: any[]) => E;

/** One typed error of a context and the problem+json answer it becomes. */
export interface ProblemRule {
  readonly matches: (error: unknown) => boolean;
  readonly problem: (error: never) => ProblemDetails | Promise<ProblemDetails>;
}

/** The answer for errors of the given classes; the first rule of a table that matches answers. */
export function problemFor<E extends Error>(
  errors: ErrorClass<E> | readonly ErrorClass<E>[],
  problem: (error: E) => ProblemDetails | Promise<ProblemDetails>,
): ProblemRule {
  const classes = Array.isArray(errors) ? errors : [errors as ErrorClass<E>];
  return { matches: (error) => classes.some((c) => error instanceof c), problem: problem as ProblemRule['problem'] };
}

/** The error as its table's problem, or the error itself when no rule matches (the global filter answers it). */
export async function translateError(rules: readonly ProblemRule[], error: unknown): Promise<unknown> {
  const rule = rules.find((r) => r.matches(error));
  return rule ? new ProblemException(await rule.problem(error as never)) : error;
}

/** A controller interceptor that answers its context's typed errors from a table of rules. */
export abstract class ProblemRulesInterceptor implements NestInterceptor {
  protected abstract readonly rules: readonly ProblemRule[];

  intercept(_: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => from(translateError(this.rules, error)).pipe(mergeMap((mapped) => throwError(() => mapped)))));
  }
}

// The answers several contexts share.
export const notFound =
  (title = 'not found') =>
  (error: Error): ProblemDetails => ({ type: problemTypes.notFound, title, status: 404, detail: error.message });

export const forbidden =
  (title: string) =>
  (error: Error & { rule?: string }): ProblemDetails => ({
    type: problemTypes.forbidden,
    title,
    status: 403,
    detail: error.message,
    ...(error.rule === undefined ? {} : { rule: error.rule }),
  });

export const conflict =
  (title: string) =>
  (error: Error): ProblemDetails => ({ type: problemTypes.conflict, title, status: 409, detail: error.message });

/** Someone changed it since the caller read it: 409 with what to reload and the current version. */
export const staleSince =
  <E extends Error>(reload: string, current: (error: E) => Record<string, unknown>) =>
  (error: E): ProblemDetails => ({
    type: problemTypes.conflict,
    title: 'changed since you read it',
    status: 409,
    detail: `${error.message}. ${reload}`,
    current: current(error),
  });

export const idempotencyKeyReused = (error: Error): ProblemDetails => ({
  type: problemTypes.idempotencyKeyReused,
  title: 'Idempotency-Key reused',
  status: 422,
  detail: error.message,
  rule: 'idempotency-key-reused',
});
