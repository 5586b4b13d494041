import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemException, problemTypes } from './problem-details';
import type { ProblemDetails } from './problem-details';
import { currentRequestId } from './request-context';

const typeByStatus: Record<number, string> = {
  400: problemTypes.validation,
  401: problemTypes.unauthorized,
  403: problemTypes.forbidden,
  404: problemTypes.notFound,
  409: problemTypes.conflict,
  413: problemTypes.payloadTooLarge,
  415: problemTypes.unsupportedMediaType,
  422: problemTypes.illegalTransition,
  429: problemTypes.tooManyRequests,
  503: problemTypes.unavailable,
};

/** Maps every error leaving a controller to application/problem+json; internals never leak. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    problem.requestId = currentRequestId();
    // An access ticket (`?ticket=`, GET /me/events) stands for a user for a moment: never in a log line.
    const where = request.originalUrl.replace(/([?&]ticket=)[^&#]*/g, '$1***');
    // A 5xx the code chose (a dependency down, a feature switched off) is an answer, not a failure.
    if (problem.status >= 500 && exception instanceof ProblemException)
      this.logger.warn(`${request.method} ${where} answered ${problem.status}: ${problem.detail ?? problem.title}`);
    else if (problem.status >= 500) this.logger.error(`${request.method} ${where} failed`, exception instanceof Error ? exception.stack : String(exception));
    // A channel's sender rejected at the edge is a contact we did not take: always leave a trace.
    else if (request.originalUrl.startsWith('/channels/'))
      this.logger.warn(`${request.method} ${where} rejected with ${problem.status}: ${problem.detail ?? problem.title}`);
    // The public API takes API keys, not bearer tokens (ADR 0025).
    if (problem.status === 401)
      response.setHeader('WWW-Authenticate', request.originalUrl.startsWith('/public/') ? 'ApiKey realm="switchboard-public"' : 'Bearer realm="switchboard"');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return { ...exception.problem };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : (this.messageOf(body) ?? exception.message);
      return { type: typeByStatus[status] ?? 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status, detail };
    }
    return { type: problemTypes.internal, title: 'internal error', status: 500, detail: 'The server failed to handle the request; it has been logged.' };
  }

  private messageOf(body: object): string | undefined {
    const message = (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    return typeof message === 'string' ? message : undefined;
  }
}
