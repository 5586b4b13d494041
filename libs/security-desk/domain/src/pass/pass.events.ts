import type { PassDraft } from './pass';

interface Base {
  readonly passId: string;
  /** Denormalised on every event so each one is self-sufficient for projections (per site). */
  readonly siteSlug: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
}

export type PassEvent =
  | { readonly type: 'PassCreated'; readonly data: Base & PassDraft }
  | { readonly type: 'PassRevoked'; readonly data: Base & { readonly reason?: string } }
  /** `visit`: 1 for the first entry on the pass, 2 for the next… `by` is the guard. */
  | { readonly type: 'VisitorCheckedIn'; readonly data: Base & { readonly visit: number } }
  /** `overstayed`: they left after the pass's window ended. */
  | {
      readonly type: 'VisitorCheckedOut';
      readonly data: Base & { readonly visit: number; readonly checkedInAt: string; readonly checkedInBy: string; readonly overstayed: boolean };
    };

export type PassEventType = PassEvent['type'];
export const passEventTypes: readonly PassEventType[] = ['PassCreated', 'PassRevoked', 'VisitorCheckedIn', 'VisitorCheckedOut'];
