/**
 * What a "take next" command pointed at: the key (its Idempotency-Key) of one user's take-next and
 * the item it is taking. The pointer is written before the take, so a resubmission — the answer
 * lost, the client retrying — goes back to that item instead of taking another.
 */
export interface TakeNextClaims {
  /** The item this user's take-next with this key pointed at last, if any. */
  pointedAt(userId: string, commandId: string): Promise<string | undefined>;
  /** Points the key at the item about to be taken (a later candidate replaces an earlier one that was lost). */
  point(userId: string, commandId: string, entity: 'request' | 'incident', itemId: string): Promise<void>;
}

export const TAKE_NEXT_CLAIMS = Symbol('TakeNextClaims');
