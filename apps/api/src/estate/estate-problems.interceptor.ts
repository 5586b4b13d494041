import { Injectable } from '@nestjs/common';
import { EstateConflictError } from '@switchboard/estate';
import { ResidencyRuleError } from '@switchboard/estate/domain';
import { problemTypes } from '@switchboard/platform';
import { ProblemRulesInterceptor, problemFor } from '../http/problem-rules';
import type { ProblemRule } from '../http/problem-rules';

/** The estate's typed errors as problem+json: a name taken → 409, a broken residency rule → 422 naming the rule. */
export const estateProblemRules: readonly ProblemRule[] = [
  problemFor(EstateConflictError, (e) =>
    e.rule === 'entrance-not-in-building'
      ? { type: problemTypes.validation, title: 'not an entrance of this building', status: 422, detail: e.message, rule: e.rule }
      : { type: problemTypes.conflict, title: 'already exists', status: 409, detail: e.message, rule: e.rule },
  ),
  problemFor(ResidencyRuleError, (e) => ({
    type: problemTypes.validation,
    title: 'residency refused',
    status: 422,
    detail: e.message,
    rule: e.rule,
    ...(e.conflictingId ? { conflictingId: e.conflictingId } : {}),
  })),
];

@Injectable()
export class EstateProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules = estateProblemRules;
}
