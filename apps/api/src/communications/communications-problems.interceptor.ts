import { Injectable } from '@nestjs/common';
import {
  ApiKeyNotFoundError,
  CommunicationNotFoundError,
  CommunicationsForbiddenError,
  CommunicationTemplateNotFoundError,
  MailingNotFoundError,
  PolicyConflictError,
  PolicyNotFoundError,
  QuestionnaireNotFoundError,
  StalePolicyError,
  SurveyRuleError,
} from '@switchboard/communications';
import {
  CommunicationRuleError,
  CommunicationTransitionError,
  MailingRuleError,
  MailingTransitionError,
  SurveyResponseError,
} from '@switchboard/communications/domain';
import { IdempotencyKeyReusedError } from '@switchboard/eventstore';
import { problemTypes } from '@switchboard/platform';
import { ProblemRulesInterceptor, conflict, forbidden, idempotencyKeyReused, notFound, problemFor, staleSince } from '../http/problem-rules';
import type { ProblemRule } from '../http/problem-rules';

const notPossibleInItsStatus = (error: Error) => ({
  type: problemTypes.illegalTransition,
  title: 'not possible in its status',
  status: 409,
  detail: error.message,
});

/** The communications' typed errors as problem+json. */
export const communicationsProblemRules: readonly ProblemRule[] = [
  problemFor(CommunicationsForbiddenError, forbidden('not yours to manage')),
  problemFor(
    StalePolicyError,
    staleSince('Reload and edit again.', (e: StalePolicyError) => ({ version: e.actual })),
  ),
  problemFor(PolicyConflictError, conflict('already exists')),
  problemFor(IdempotencyKeyReusedError, idempotencyKeyReused),
  problemFor([PolicyNotFoundError, CommunicationNotFoundError, ApiKeyNotFoundError, MailingNotFoundError, QuestionnaireNotFoundError], notFound()),
  problemFor(SurveyRuleError, (e) =>
    e.rule === 'taken'
      ? conflict('already exists')(e)
      : {
          type: problemTypes.validation,
          title: e.rule === 'blocked' ? 'questionnaire blocked' : 'invalid questionnaire',
          status: 422,
          detail: e.message,
          rule: e.rule,
          errors: e.problems,
        },
  ),
  problemFor(SurveyResponseError, (e) => ({
    type: problemTypes.validation,
    title: 'invalid answers',
    status: e.rule === 'not-found' ? 404 : 422,
    detail: e.message,
    rule: e.rule,
    errors: e.problems,
  })),
  problemFor(CommunicationTemplateNotFoundError, (e) => ({
    type: problemTypes.validation,
    title: 'invalid mailing',
    status: 422,
    detail: e.message,
    rule: 'template',
  })),
  problemFor([MailingTransitionError, CommunicationTransitionError], notPossibleInItsStatus),
  problemFor(MailingRuleError, (e) => ({
    type: problemTypes.validation,
    title: 'invalid mailing',
    status: 422,
    detail: e.message,
    rule: e.rule,
    errors: e.problems,
  })),
  problemFor(CommunicationRuleError, (e) => ({ type: problemTypes.validation, title: 'invalid communication', status: 422, detail: e.message, rule: e.rule })),
];

@Injectable()
export class CommunicationsProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules = communicationsProblemRules;
}
