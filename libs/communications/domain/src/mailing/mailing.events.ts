import type { MailingDraft } from './mailing';

interface Base {
  readonly mailingId: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
}

export type MailingEvent =
  | { readonly type: 'MailingCreated'; readonly data: Base & MailingDraft }
  /** The audience was resolved into `recipients` frozen recipients; sending goes on in the background. */
  | { readonly type: 'MailingStarted'; readonly data: Base & { readonly recipients: number } }
  | { readonly type: 'MailingPaused'; readonly data: Base }
  | { readonly type: 'MailingResumed'; readonly data: Base }
  | { readonly type: 'MailingCancelled'; readonly data: Base & { readonly reason?: string } }
  /** Every recipient was handed to the sending point (or skipped). */
  | { readonly type: 'MailingCompleted'; readonly data: Base & { readonly queued: number; readonly skipped: number } };

export type MailingEventType = MailingEvent['type'];
