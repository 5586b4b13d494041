import type { PassDraft } from './pass';

interface Base {
  readonly by: string;
  /** The server's time when the command is decided. */
  readonly now: Date;
}

export type PassCommand =
  | (Base & { readonly type: 'CreatePass'; readonly passId: string; readonly draft: PassDraft })
  | (Base & { readonly type: 'RevokePass'; readonly reason?: string })
  /** `at`: when the guard let them in (a check-in queued offline carries the moment it was made). */
  | (Base & { readonly type: 'CheckVisitorIn'; readonly at: Date })
  | (Base & { readonly type: 'CheckVisitorOut'; readonly at: Date });

export type PassCommandType = PassCommand['type'];
