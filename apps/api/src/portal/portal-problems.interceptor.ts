import { Injectable } from '@nestjs/common';
import { IdempotencyKeyReusedError } from '@switchboard/eventstore';
import { problemTypes } from '@switchboard/platform';
import { PortalAccountNotLinkedError, PortalNotFoundError, PortalRatingError, PortalRuleError } from '@switchboard/portal';
import { PassNotFoundError } from '@switchboard/security-desk';
import { PassRuleError } from '@switchboard/security-desk/domain';
import { IllegalTransitionError } from '@switchboard/service-desk/domain';
import { ProblemRulesInterceptor, forbidden, idempotencyKeyReused, notFound, problemFor } from '../http/problem-rules';
import type { ProblemRule } from '../http/problem-rules';

/** The portal's typed errors as problem+json. */
export const portalProblemRules: readonly ProblemRule[] = [
  problemFor(PortalAccountNotLinkedError, (e) => ({ ...forbidden('account not linked')(e), rule: 'account-not-linked' })),
  problemFor([PortalNotFoundError, PassNotFoundError], notFound()),
  problemFor(PortalRuleError, (e) => ({ type: problemTypes.validation, title: 'not possible', status: 422, detail: e.message, rule: e.rule })),
  problemFor(PortalRatingError, (e) =>
    e.conflict
      ? { type: problemTypes.conflict, title: 'cannot rate now', status: 409, detail: e.message, rule: e.rule }
      : { type: problemTypes.validation, title: 'invalid rating', status: 422, detail: e.message, rule: e.rule, errors: e.problems },
  ),
  problemFor(PassRuleError, (e) => ({ type: problemTypes.validation, title: 'invalid pass', status: 422, detail: e.message, rule: e.rule })),
  problemFor(IllegalTransitionError, (e) => ({
    type: problemTypes.illegalTransition,
    title: 'not possible now',
    status: 409,
    detail: `${e.message} Closed requests take no more messages: submit a new request.`,
  })),
  problemFor(IdempotencyKeyReusedError, idempotencyKeyReused),
];

@Injectable()
export class PortalProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules = portalProblemRules;
}
