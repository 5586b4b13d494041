import { createHash } from 'node:crypto';

/**
 * Event ids derived from the command id: resubmitting a command yields the same ids, so the store
 * can recognise the retry. RFC 4122 version-5 layout over SHA-1, namespaced by position in the batch.
 */
export function eventIdFor(streamId: string, commandId: string, index: number): string {
  const hash = createHash('sha1').update(`switchboard:${streamId}:${commandId}:${index}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
