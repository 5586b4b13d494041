import type { PassDraft } from './pass';
import type { CheckInRefusal } from './pass-errors';

export interface Pass extends PassDraft {
  readonly exists: true;
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revoked: boolean;
  /** Entries so far. */
  readonly visits: number;
  /** Set while the visitor is inside: when they came in and who let them. */
  readonly inside?: { readonly since: string; readonly by: string };
}

export type PassState = { readonly exists: false } | Pass;

export const initialPassState: PassState = { exists: false };

/** Someone let in on the pass is still inside after its window ended. */
export const isOverstay = (pass: Pass, now: Date): boolean => pass.inside !== undefined && now.getTime() > Date.parse(pass.validUntil);

/** Whether the pass admits someone at `at` (undefined), or why not. */
export function checkInRefusal(pass: Pass, at: Date): CheckInRefusal | undefined {
  if (pass.revoked) return 'revoked';
  if (at.getTime() < Date.parse(pass.validFrom)) return 'not-yet-valid';
  if (at.getTime() > Date.parse(pass.validUntil)) return 'expired';
  if (pass.kind === 'one-time' && pass.visits >= 1) return 'already-used';
  return undefined;
}
