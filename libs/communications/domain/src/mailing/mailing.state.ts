import type { MailingDraft } from './mailing';

/** DRAFT: created, not started; RUNNING: recipients frozen, sending in the background. */
export const mailingStatuses = ['DRAFT', 'RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED'] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

export interface Mailing extends MailingDraft {
  readonly exists: true;
  readonly id: string;
  readonly status: MailingStatus;
  readonly createdBy: string;
  readonly recipients?: number;
}

export type MailingState = { readonly exists: false } | Mailing;

export const initialMailingState: MailingState = { exists: false };
