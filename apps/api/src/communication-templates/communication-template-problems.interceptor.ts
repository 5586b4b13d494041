import { Injectable } from '@nestjs/common';
import {
  CommunicationTemplateExistsError,
  CommunicationTemplateNotFoundError,
  InvalidCommunicationTemplateError,
  StaleCommunicationTemplateError,
} from '@switchboard/communications';
import { TemplateRenderError } from '@switchboard/communications/domain';
import { problemTypes, validationProblem } from '@switchboard/platform';
import { ProblemRulesInterceptor, conflict, notFound, problemFor, staleSince } from '../http/problem-rules';
import type { ProblemRule } from '../http/problem-rules';

/** The templates' typed errors as problem+json: 404, 409 (exists, stale), 400 (malformed bodies), 422 (variables of a preview). */
export const templateProblemRules: readonly ProblemRule[] = [
  problemFor(CommunicationTemplateNotFoundError, notFound('template not found')),
  problemFor(CommunicationTemplateExistsError, conflict('template exists')),
  problemFor(
    StaleCommunicationTemplateError,
    staleSince('Reload the template and edit again.', (e: StaleCommunicationTemplateError) => ({ version: e.actual })),
  ),
  problemFor(InvalidCommunicationTemplateError, (e) => validationProblem('invalid template', e.problems).problem),
  problemFor(TemplateRenderError, (e) => ({
    type: problemTypes.illegalTransition,
    title: e.kind === 'unknown-variable' ? 'unknown template variable' : 'template variable missing',
    status: 422,
    detail: e.message,
    rule: e.kind,
    variables: [...e.variables],
    language: e.language,
  })),
];

@Injectable()
export class CommunicationTemplateProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules = templateProblemRules;
}
