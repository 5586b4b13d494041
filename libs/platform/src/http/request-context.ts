import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  /** The correlation id: the caller's X-Request-Id when it is one, else the W3C trace id, else a new uuid. */
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = 'X-Request-Id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The correlation id of the request being handled, if any (log lines, problem bodies). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

function requestIdOf(request: Request): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  const trace = TRACEPARENT.exec(String(request.headers.traceparent ?? ''));
  return trace && !/^0+$/.test(trace[1]) ? trace[1] : randomUUID();
}

/**
 * First middleware of every app: gives the request its correlation id, answers it in X-Request-Id,
 * and runs the rest of the request inside it, so every log line written meanwhile carries it.
 */
export function requestContext(request: Request, response: Response, next: NextFunction): void {
  const context: RequestContext = { requestId: requestIdOf(request) };
  response.setHeader(REQUEST_ID_HEADER, context.requestId);
  storage.run(context, next);
}

/** Runs `work` as part of a request with this id (e.g. an answer written outside express). */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}
