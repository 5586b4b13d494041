import { Injectable } from '@nestjs/common';
import { IdempotencyKeyReusedError } from '@switchboard/eventstore';
import { problemTypes } from '@switchboard/platform';
import { PassNotFoundError, SecurityDeskForbiddenError } from '@switchboard/security-desk';
import { CheckInRefusedError, PassRuleError } from '@switchboard/security-desk/domain';
import { ProblemRulesInterceptor, forbidden, idempotencyKeyReused, notFound, problemFor } from '../http/problem-rules';
import type { ProblemRule } from '../http/problem-rules';

/** The security desk's typed errors as problem+json. */
export const securityDeskProblemRules: readonly ProblemRule[] = [
  problemFor(SecurityDeskForbiddenError, forbidden('not yours to do')),
  problemFor(PassNotFoundError, notFound()),
  problemFor(CheckInRefusedError, (e) => ({
    type: problemTypes.illegalTransition,
    title: 'the pass does not admit now',
    status: 409,
    detail: e.message,
    rule: e.reason,
  })),
  problemFor(PassRuleError, (e) => {
    const now = e.rule === 'not-inside';
    return {
      type: now ? problemTypes.illegalTransition : problemTypes.validation,
      title: now ? 'not possible now' : 'invalid pass',
      status: now ? 409 : 422,
      detail: e.message,
      rule: e.rule,
      ...(e.problems.length ? { errors: e.problems } : {}),
    };
  }),
  problemFor(IdempotencyKeyReusedError, idempotencyKeyReused),
];

@Injectable()
export class SecurityDeskProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules = securityDeskProblemRules;
}
