import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemTypes } from './problem-details';
import type { ProblemDetails } from './problem-details';
import { REQUEST_ID_HEADER, currentRequestId, requestContext } from './request-context';

/** A route whose body may be larger (or must be smaller) than the default. */
export interface RouteBodyLimit {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /** Express-style path, `:name` for a segment: `/incidents/:id/narrative`. */
  readonly path: string;
  readonly bytes: number;
  /** Why this route needs its own limit (the README lists them). */
  readonly reason: string;
}

/** Bodies of every other route: a command or a saved filter is a few KB at most. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface HttpEdgeOptions {
  readonly bodyLimits: readonly RouteBodyLimit[];
  /** Origins of the operator console allowed to call this app from a browser (CORS); none without. */
  readonly consoleOrigins: readonly string[];
}

interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

function sendProblem(response: Response, problem: ProblemDetails, headers: Record<string, string> = {}): void {
  const body: ProblemDetails = { ...problem, requestId: currentRequestId() };
  response.status(body.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

const pathPattern = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}/?$`,
  );

/** The body limit of a request's route. */
export function bodyLimitFor(limits: readonly RouteBodyLimit[], method: string, path: string): number {
  const route = limits.find((limit) => limit.method === method && pathPattern(limit.path).test(path));
  return route?.bytes ?? DEFAULT_BODY_LIMIT;
}

/**
 * A declared body up to this size is read and thrown away after a 413, so that a client still sending
 * it gets to read the answer; closing at once would reset the connection under a client mid-write
 * (it sees EPIPE instead of the 413). Anything larger is cut off.
 */
const DISCARDED_BODY_LIMIT = 8 * 1024 * 1024;

function tooLarge(response: Response, limit: number, declared?: number): void {
  const discard = declared !== undefined && declared <= DISCARDED_BODY_LIMIT;
  sendProblem(
    response,
    { type: problemTypes.payloadTooLarge, title: 'payload too large', status: 413, detail: `The body of this route may be at most ${limit} bytes.`, limit },
    // Closing the connection stops a client that is still sending what we will never read.
    discard ? {} : { Connection: 'close' },
  );
}

/**
 * Body parsing with a limit per route, decided from Content-Length before a byte of the body is
 * read (and before authentication); a chunked body is cut off at the limit while it is read.
 * Errors of parsing are problem+json like every other error, never a 500.
 */
function bodyParsers(limits: readonly RouteBodyLimit[]): ((request: Request, response: Response, next: NextFunction) => void)[] {
  const parsers = new Map<number, ReturnType<typeof json>>();
  const keepRaw = (request: Request, _: Response, buffer: Buffer) => {
    // Webhook signatures are computed over the exact bytes received.
    (request as RawBodyRequest).rawBody = buffer;
  };
  const jsonParser = (limit: number) => {
    let parser = parsers.get(limit);
    if (!parser) {
      parser = json({ limit, verify: keepRaw });
      parsers.set(limit, parser);
    }
    return parser;
  };
  const form = urlencoded({ extended: false, limit: '16kb', verify: keepRaw });
  return [
    (request, response, next) => {
      const limit = bodyLimitFor(limits, request.method, request.path);
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limit) return tooLarge(response, limit, declared);
      response.locals.bodyLimit = limit;
      jsonParser(limit)(request, response, next);
    },
    form,
  ];
}

/** What body-parser reports, as problem+json. */
function bodyErrors(error: unknown, _: Request, response: Response, next: NextFunction): void {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return tooLarge(response, Number(response.locals.bodyLimit ?? DEFAULT_BODY_LIMIT));
  if (type === 'entity.parse.failed') {
    return sendProblem(response, {
      type: problemTypes.validation,
      title: 'invalid request body',
      status: 400,
      detail: 'The body is not valid JSON.',
      errors: [{ field: '(body)', message: 'must be valid JSON' }],
    });
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return sendProblem(response, {
      type: problemTypes.unsupportedMediaType,
      title: 'unsupported media type',
      status: 415,
      detail: 'The body must be UTF-8 JSON.',
    });
  }
  if (type === 'request.aborted' || type === 'request.size.invalid') {
    return sendProblem(response, {
      type: problemTypes.validation,
      title: 'incomplete request body',
      status: 400,
      detail: 'The body ended before its declared length.',
    });
  }
  next(error);
}

/**
 * Security headers of every answer: no framework banner, no content sniffing, no framing, nothing
 * personal in caches. The OpenAPI page (Swagger UI) keeps the scripts and styles it needs.
 */
function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (!request.path.startsWith('/docs')) {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  }
  next();
}

/** The headers a console sends and reads across origins. */
const CORS = {
  methods: ['GET', 'POST', 'PATCH', 'DELETE'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', REQUEST_ID_HEADER, 'traceparent'],
  exposedHeaders: ['ETag', 'Location', REQUEST_ID_HEADER],
  maxAge: 600,
};

/** Everything between the socket and the routes, in order; call before `app.init()`/`listen()`. */
export function configureHttpEdge(app: INestApplication, options: HttpEdgeOptions): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  app.use(requestContext);
  app.use(securityHeaders);
  if (options.consoleOrigins.length > 0) app.enableCors({ origin: [...options.consoleOrigins], ...CORS, optionsSuccessStatus: 204 });
  for (const parser of bodyParsers(options.bodyLimits)) app.use(parser);
  app.use(bodyErrors);
}

/**
 * Answers what Node's HTTP parser refuses before any route sees it (headers too large, malformed
 * requests) as problem+json too; call once the server exists.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLargeHeaders = error.code === 'HPE_HEADER_OVERFLOW';
    const requestId = randomUUID();
    const problem: ProblemDetails = tooLargeHeaders
      ? {
          type: problemTypes.headersTooLarge,
          title: 'request header fields too large',
          status: 431,
          detail: 'The request headers are over the server’s limit (16 KB in all).',
          requestId,
        }
      : { type: problemTypes.validation, title: 'bad request', status: 400, detail: 'The request is not valid HTTP.', requestId };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${tooLargeHeaders ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${REQUEST_ID_HEADER}: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
