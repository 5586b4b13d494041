import type { Mailing, MailingAudience, MailingEstatePlace } from '@switchboard/communications/domain';

/** One recipient taken for sending: the client and the language their message is rendered in. */
export interface ClaimedRecipient {
  readonly clientId: string;
  readonly language: 'ru' | 'en';
}

/** What became of a claimed recipient: handed to the sending point as `communicationId`, or skipped and why. */
export type RecipientOutcome = { readonly clientId: string; readonly communicationId: string } | { readonly clientId: string; readonly skipped: string };

/** A mailing as the worker sees it (the `mailings` row). */
export interface MailingRow {
  readonly id: string;
  readonly status: Mailing['status'];
  readonly perMinute: number;
  readonly startAt?: string;
}

/** Per-recipient counts: frozen list by where each recipient is, the handed-on ones by their communication's status (the read model). */
export interface MailingProgress {
  readonly total: number;
  readonly pending: number;
  readonly queued: number;
  readonly sent: number;
  readonly delivered: number;
  readonly failed: number;
  readonly blocked: number;
  readonly cancelled: number;
  readonly skipped: number;
}

export interface MailingRecipientView {
  readonly clientId: string;
  readonly seq: number;
  /** pending | skipped | cancelled, or the communication's status once handed on (NOT_SENT, BOOKED, SENT, DELIVERED, FAILED, BLOCKED, ...). */
  readonly status: string;
  readonly communicationId?: string;
  readonly reason?: string;
}

/** Where mailings' worker state and frozen recipient lists live (PostgreSQL). */
export interface MailingStore {
  /** Writes the mailing's current state; an older revision than the stored one changes nothing. */
  save(mailing: Mailing, revision: number, at: Date): Promise<void>;
  /**
   * Resolves the audience into the frozen recipient list (once: a second call adds nobody) and answers its size;
   * `residents` (an estate audience, resolved by the estate) limits it to these clients.
   */
  freezeRecipients(mailingId: string, audience: MailingAudience, residents?: readonly string[]): Promise<number>;
  /** Running mailings whose start time has come. */
  due(now: Date): Promise<MailingRow[]>;
  /** How many of its recipients were handed on since `since` (the throttle's window). */
  queuedSince(mailingId: string, since: Date): Promise<number>;
  /**
   * Takes up to `limit` pending recipients (FOR UPDATE SKIP LOCKED) while the mailing is RUNNING and
   * records what `handle` made of them, in one transaction; a cancel or pause waits for it. Answers
   * how many were taken (0: none pending, or the mailing is not running).
   */
  claim(mailingId: string, limit: number, handle: (recipients: readonly ClaimedRecipient[]) => Promise<readonly RecipientOutcome[]>): Promise<number>;
  pendingCount(mailingId: string): Promise<number>;
  /** Marks it cancelled (waiting for a batch in flight) and its pending recipients cancelled; answers how many. */
  cancel(mailingId: string, at: Date): Promise<number>;
  progress(mailingId: string): Promise<MailingProgress>;
  recipients(mailingId: string, page: { afterSeq?: number; limit: number }): Promise<MailingRecipientView[]>;
}

export const MAILING_STORE = Symbol('MailingStore');

/** Who lives in a site, building or entrance now: the estate's answer (its facade), for an estate audience. */
export interface MailingEstateAudience {
  residentsOf(place: MailingEstatePlace, now: Date): Promise<string[]>;
}

export const MAILING_ESTATE_AUDIENCE = Symbol('MailingEstateAudience');
