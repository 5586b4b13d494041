import type { CommandEnvelope } from '@switchboard/service-desk';
import { validationProblem } from './validation-problem';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
const REVISION = /^(?:W\/)?"?(\d+)"?$/;

/**
 * Every command names itself (`Idempotency-Key`, client-generated: resubmitting it is safe) and
 * may state the revision the operator saw (`If-Match`), so a stale edit is refused, not applied.
 */
export function commandEnvelopeFrom(headers: Record<string, string | string[] | undefined>): CommandEnvelope {
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
  return { commandId: key as string, expectedRevision, origin: 'user' };
}
