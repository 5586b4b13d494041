import { createHash } from 'node:crypto';
import { validationProblem } from '@switchboard/platform';
import type { CommandEnvelope } from '@switchboard/service-desk';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const REVISION = /^(?:W\/)?"?(\d+)"?$/;

/** JSON with its keys sorted: equal inputs, equal text, whatever order a client wrote them in. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a command asked: the action on which entity, and its validated input. Its key may not ask anything else. */
export function commandFingerprint(action: string, input: unknown): string {
  return createHash('sha256')
    .update(`${action}\n${canonical(input)}`)
    .digest('base64url');
}

/**
 * Every command names itself (`Idempotency-Key`, client-generated: resubmitting it is safe) and
 * may state the revision the operator saw (`If-Match`), so a stale edit is refused, not applied.
 * The key is stored with a fingerprint of `command`: the same key with another command or body is
 * refused (422 idempotency-key-reused) instead of answered with the first result.
 */
export function commandEnvelopeFrom(headers: Record<string, string | string[] | undefined>, command: { action: string; input: unknown }): CommandEnvelope {
  const key = headers['idempotency-key'];
  const errors: { field: string; message: string }[] = [];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    errors.push({ field: 'Idempotency-Key', message: 'header required: a client-generated id (8–128 of A-Z a-z 0-9 . _ : -), e.g. a uuid' });
  }
  const ifMatch = headers['if-match'];
  let expectedRevision: bigint | undefined;
  if (typeof ifMatch === 'string' && ifMatch !== '*') {
    const match = REVISION.exec(ifMatch.trim());
    if (match) expectedRevision = BigInt(match[1]);
    else errors.push({ field: 'If-Match', message: 'must be the revision the operator saw, e.g. "3" (as in the ETag)' });
  }
  if (errors.length > 0) {
    throw validationProblem('invalid command headers', errors);
  }
  return { commandId: key as string, expectedRevision, origin: 'user', fingerprint: commandFingerprint(command.action, command.input) };
}

/** `If-Match` alone, for edits outside the service desk (clients): the revision the editor saw. */
export function expectedRevisionFrom(headers: Record<string, string | string[] | undefined>): number | undefined {
  const ifMatch = headers['if-match'];
  if (typeof ifMatch !== 'string' || ifMatch === '*') return undefined;
  const match = REVISION.exec(ifMatch.trim());
  if (!match) throw validationProblem('invalid headers', [{ field: 'If-Match', message: 'must be the revision the editor saw, e.g. "3" (as in the ETag)' }]);
  return Number(match[1]);
}
