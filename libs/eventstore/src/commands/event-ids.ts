import { deterministicUuid } from './deterministic-uuid';

/**
 * Event ids derived from the command id: resubmitting a command yields the same ids, so the store
 * can recognise the retry.
 */
export function eventIdFor(streamId: string, commandId: string, index: number): string {
  return deterministicUuid(`${streamId}:${commandId}:${index}`);
}
