import { Injectable } from '@nestjs/common';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@switchboard/eventstore';
import { RolePermissionsError } from '@switchboard/identity/domain';
import { problemTypes } from '@switchboard/platform';
import { ProblemRulesInterceptor, idempotencyKeyReused, problemFor } from '../http/problem-rules';
import type { ProblemRule } from '../http/problem-rules';

/** The mapping's typed errors as problem+json: an unknown role → 404, a permission outside the catalogue → 422 naming it, a stale version → 409. */
export const accessProblemRules: readonly ProblemRule[] = [
  problemFor(RolePermissionsError, (e) =>
    e.rule === 'unknown-role' || e.rule === 'role-not-administered'
      ? { type: problemTypes.notFound, title: 'no such role', status: 404, detail: e.message, rule: e.rule }
      : {
          type: problemTypes.validation,
          title: e.rule === 'unknown-permission' ? 'unknown permission' : 'refused',
          status: 422,
          detail: e.message,
          rule: e.rule,
          ...(e.unknown.length ? { errors: e.unknown.map((p) => ({ field: 'permissions', message: `${p} is not in the catalogue` })) } : {}),
        },
  ),
  problemFor(ConcurrencyConflictError, (e) => ({
    type: problemTypes.conflict,
    title: 'changed since you read it',
    status: 409,
    detail: `${e.message}. Reload the role's permissions and decide again.`,
    current: { version: Number(e.actualRevision) + 1 },
  })),
  problemFor(IdempotencyKeyReusedError, idempotencyKeyReused),
];

@Injectable()
export class AccessProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules = accessProblemRules;
}
