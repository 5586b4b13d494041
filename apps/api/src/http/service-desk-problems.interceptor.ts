import { Inject, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { catchError, from, mergeMap, throwError } from 'rxjs';
import { ClientNotFoundError, CustomersValidationError, LegacyUnavailableError, OrderNotFoundError, OrderOfAnotherClientError, StaleClientError } from '@switchboard/customers';
import { UserDirectoryUnavailableError } from '@switchboard/identity';
import { ProblemException, problemTypes } from '@switchboard/platform';
import { AccessDeniedError, ConcurrencyConflictError, EntityNotFoundError, IdempotencyKeyReusedError, ServiceDeskSnapshots } from '@switchboard/service-desk';
import { DomainRuleError, IllegalTransitionError } from '@switchboard/service-desk/domain';
import { allowedActions } from './allowed-actions';

/** Turns the service desk's and customers' typed errors into precise problem+json answers. */
@Injectable()
export class ServiceDeskProblemsInterceptor implements NestInterceptor {
  constructor(@Inject(ServiceDeskSnapshots) private readonly snapshots: ServiceDeskSnapshots) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => from(this.translate(error)).pipe(mergeMap((mapped) => throwError(() => mapped)))));
  }

  private async translate(error: unknown): Promise<unknown> {
    if (error instanceof EntityNotFoundError) {
      return new ProblemException({ type: problemTypes.notFound, title: `${error.entity} not found`, status: 404, detail: error.message });
    }
    if (error instanceof AccessDeniedError) {
      return new ProblemException({ type: problemTypes.forbidden, title: 'read-only access', status: 403, detail: error.message });
    }
    if (error instanceof IllegalTransitionError) {
      return new ProblemException({
        type: problemTypes.illegalTransition,
        title: 'not allowed in the current state',
        status: 422,
        detail: error.message,
        state: error.state,
        allowedActions: allowedActions(error.entity, error.state),
      });
    }
    if (error instanceof DomainRuleError) {
      return new ProblemException({ type: problemTypes.illegalTransition, title: 'business rule violated', status: 422, detail: error.message, rule: error.rule });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return new ProblemException({ type: problemTypes.idempotencyKeyReused, title: 'Idempotency-Key reused', status: 422, detail: error.message, rule: 'idempotency-key-reused' });
    }
    if (error instanceof ConcurrencyConflictError) {
      const [entity, ...rest] = error.streamId.split('-');
      const current = await this.snapshots.currentState(entity === 'incident' ? 'incident' : 'request', rest.join('-'));
      return new ProblemException({
        type: problemTypes.conflict,
        title: 'changed since you read it',
        status: 409,
        detail: `${error.message}. Reload it and decide again.`,
        current: current ? { state: current.status, revision: Number(current.revision) } : null,
      });
    }
    if (error instanceof StaleClientError) {
      return new ProblemException({ type: problemTypes.conflict, title: 'changed since you read it', status: 409, detail: `${error.message}. Reload the client and edit again.`, current: { revision: error.actualRevision } });
    }
    if (error instanceof CustomersValidationError) {
      return new ProblemException({ type: problemTypes.validation, title: 'invalid client or order', status: 400, detail: error.message, errors: error.errors });
    }
    if (error instanceof ClientNotFoundError || error instanceof OrderNotFoundError) {
      return new ProblemException({ type: problemTypes.notFound, title: 'not found', status: 404, detail: error.message });
    }
    if (error instanceof OrderOfAnotherClientError) {
      return new ProblemException({ type: problemTypes.conflict, title: 'order of another client', status: 409, detail: error.message });
    }
    if (error instanceof LegacyUnavailableError) {
      return new ProblemException({ type: problemTypes.unavailable, title: 'legacy database unavailable', status: 503, detail: error.message });
    }
    if (error instanceof UserDirectoryUnavailableError) {
      return new ProblemException({ type: problemTypes.unavailable, title: 'user directory unavailable', status: 503, detail: 'The user directory cannot answer now; try again shortly.' });
    }
    return error;
  }
}
