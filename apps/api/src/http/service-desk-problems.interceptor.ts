import { Inject, Injectable } from '@nestjs/common';
import {
  ClientNotFoundError,
  CustomersValidationError,
  LegacyUnavailableError,
  OrderNotFoundError,
  OrderOfAnotherClientError,
  StaleClientError,
} from '@switchboard/customers';
import { UserDirectoryUnavailableError } from '@switchboard/identity';
import { problemTypes } from '@switchboard/platform';
import {
  AccessDeniedError,
  AutoAssignmentForbiddenError,
  ConcurrencyConflictError,
  PresenceForbiddenError,
  StaleAutoAssignmentSettingsError,
  EntityNotFoundError,
  IdempotencyKeyReusedError,
  QueueEmptyError,
  RoutingRuleForbiddenError,
  RoutingRuleNotFoundError,
  ServiceDeskSnapshots,
  SlaPolicyForbiddenError,
  SlaPolicyNotFoundError,
  SlaScopeTakenError,
  StaleRoutingRuleError,
  StaleSlaPolicyError,
} from '@switchboard/service-desk';
import { AlreadyTakenError, DomainRuleError, IllegalTransitionError } from '@switchboard/service-desk/domain';
import { allowedActions } from './allowed-actions';
import { ProblemRulesInterceptor, conflict, forbidden, idempotencyKeyReused, notFound, problemFor, staleSince } from './problem-rules';
import type { ProblemRule } from './problem-rules';

/** The service desk's and customers' typed errors as precise problem+json answers. */
export function serviceDeskProblemRules(snapshots: ServiceDeskSnapshots): readonly ProblemRule[] {
  return [
    problemFor(EntityNotFoundError, (e) => notFound(`${e.entity} not found`)(e)),
    problemFor(AccessDeniedError, forbidden('read-only access')),
    problemFor(RoutingRuleNotFoundError, notFound('routing rule not found')),
    problemFor(RoutingRuleForbiddenError, forbidden('not your department')),
    problemFor(
      StaleRoutingRuleError,
      staleSince('Reload the rules and edit again.', (e: StaleRoutingRuleError) => ({ revision: e.actual })),
    ),
    problemFor(SlaPolicyNotFoundError, notFound('SLA policy not found')),
    problemFor(SlaPolicyForbiddenError, forbidden('not yours to keep')),
    problemFor(
      StaleSlaPolicyError,
      staleSince('Reload the policy and edit again.', (e: StaleSlaPolicyError) => ({ version: e.actual })),
    ),
    problemFor(SlaScopeTakenError, conflict('already covered')),
    problemFor(AutoAssignmentForbiddenError, forbidden('not yours to manage')),
    problemFor(PresenceForbiddenError, forbidden('no presence for this role')),
    problemFor(
      StaleAutoAssignmentSettingsError,
      staleSince('Reload the settings and edit again.', (e: StaleAutoAssignmentSettingsError) => ({ version: e.actual })),
    ),
    problemFor(QueueEmptyError, notFound('queue empty')),
    // Before IllegalTransitionError, which it is: a race lost, not a wrong move.
    problemFor(AlreadyTakenError, (e) => ({
      type: problemTypes.conflict,
      title: 'taken by someone else',
      status: 409,
      detail: `${e.message} Take the next one.`,
      current: { state: e.state, assigneeId: e.assigneeId },
    })),
    problemFor(IllegalTransitionError, (e) => ({
      type: problemTypes.illegalTransition,
      title: 'not allowed in the current state',
      status: 422,
      detail: e.message,
      state: e.state,
      allowedActions: allowedActions(e.entity, e.state),
    })),
    problemFor(DomainRuleError, (e) => ({
      type: problemTypes.illegalTransition,
      title: 'business rule violated',
      status: 422,
      detail: e.message,
      rule: e.rule,
    })),
    problemFor(IdempotencyKeyReusedError, idempotencyKeyReused),
    problemFor(ConcurrencyConflictError, async (e) => {
      const [entity, ...rest] = e.streamId.split('-');
      const current = await snapshots.currentState(entity === 'incident' ? 'incident' : 'request', rest.join('-'));
      return {
        type: problemTypes.conflict,
        title: 'changed since you read it',
        status: 409,
        detail: `${e.message}. Reload it and decide again.`,
        current: current ? { state: current.status, revision: Number(current.revision) } : null,
      };
    }),
    problemFor(
      StaleClientError,
      staleSince('Reload the client and edit again.', (e: StaleClientError) => ({ revision: e.actualRevision })),
    ),
    problemFor(CustomersValidationError, (e) => ({
      type: problemTypes.validation,
      title: 'invalid client or order',
      status: 400,
      detail: e.message,
      errors: e.errors,
    })),
    problemFor([ClientNotFoundError, OrderNotFoundError], notFound()),
    problemFor(OrderOfAnotherClientError, conflict('order of another client')),
    problemFor(LegacyUnavailableError, (e) => ({ type: problemTypes.unavailable, title: 'legacy database unavailable', status: 503, detail: e.message })),
    problemFor(UserDirectoryUnavailableError, () => ({
      type: problemTypes.unavailable,
      title: 'user directory unavailable',
      status: 503,
      detail: 'The user directory cannot answer now; try again shortly.',
    })),
  ];
}

@Injectable()
export class ServiceDeskProblemsInterceptor extends ProblemRulesInterceptor {
  protected readonly rules: readonly ProblemRule[];

  constructor(@Inject(ServiceDeskSnapshots) snapshots: ServiceDeskSnapshots) {
    super();
    this.rules = serviceDeskProblemRules(snapshots);
  }
}
