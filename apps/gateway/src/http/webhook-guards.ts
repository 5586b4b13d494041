import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import { ProblemException, problemTypes } from '@switchboard/platform';
import type { ProblemDetails } from '@switchboard/platform';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A webhook request refused: logged (a sender should never be refused quietly), then answered as problem+json. */
export function refuse(logger: Logger, problem: ProblemDetails): never {
  logger.warn(`webhook refused (${problem.status}): ${problem.detail ?? problem.title}`);
  throw new ProblemException(problem);
}

export const notConfigured = (what: string, variable: string): ProblemDetails => ({
  type: problemTypes.unavailable,
  title: `${what} is not configured`,
  status: 503,
  detail: `${what} refuses every request until ${variable} is set.`,
});

export const unauthenticated = (detail: string): ProblemDetails => ({
  type: problemTypes.unauthorized,
  title: 'webhook not authenticated',
  status: 401,
  detail,
});

export const invalidPayload = (errors: readonly FieldError[]): ProblemDetails => ({
  type: problemTypes.validation,
  title: 'invalid webhook payload',
  status: 400,
  detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
  errors,
});

export const notJson = (contentType: string | undefined): ProblemDetails => ({
  type: problemTypes.validation,
  title: 'unsupported media type',
  status: 415,
  detail: `The body must be application/json, not ${contentType ? `"${contentType}"` : 'without a Content-Type'}.`,
});

/** Equal strings, compared in constant time whatever their lengths (both are hashed first). */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` in constant time; answers why it
 * does not hold, or undefined when it does.
 */
export function signatureProblem(rawBody: Buffer | undefined, header: string | undefined, secret: string): string | undefined {
  if (!header) return 'X-Signature is missing: sign the raw body with HMAC-SHA256 and send X-Signature: sha256=<hex>.';
  const match = SIGNATURE.exec(header.trim());
  if (!match) return 'X-Signature must be sha256=<64 hex digits>.';
  const expected = createHmac('sha256', secret)
    .update(rawBody ?? Buffer.alloc(0))
    .digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected)
    ? undefined
    : "X-Signature does not match the body: it was not signed with this webhook's secret, or the body changed.";
}

/** Signs a body the way the SMS and PBX webhooks expect (for senders and tests). */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
