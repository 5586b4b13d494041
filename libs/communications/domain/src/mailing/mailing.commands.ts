import type { MailingDraft } from './mailing';

interface Base {
  readonly by: string;
  readonly now: Date;
}

export type MailingCommand =
  | (Base & { readonly type: 'CreateMailing'; readonly mailingId: string; readonly draft: MailingDraft })
  | (Base & { readonly type: 'StartMailing'; readonly recipients: number })
  | (Base & { readonly type: 'PauseMailing' })
  | (Base & { readonly type: 'ResumeMailing' })
  | (Base & { readonly type: 'CancelMailing'; readonly reason?: string })
  | (Base & { readonly type: 'CompleteMailing'; readonly queued: number; readonly skipped: number });

export type MailingCommandType = MailingCommand['type'];
