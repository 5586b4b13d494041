import type { RecordedEvent, StreamAppend, StreamAppendOutcome } from '@switchboard/eventstore';
import type { Channel } from '@switchboard/service-desk/domain';
import type { ContactLedgerEntry } from './intake.ports';

/** One channel message of one contact: the ledger's key for both. */
export interface ContactMessage {
  readonly channel: Channel;
  readonly address: string;
  readonly messageId: string;
}

export interface StoredMessage {
  readonly message: ContactMessage;
  readonly requestId: string;
}

/** A contact's open request after the batch; `null` when it has none. */
export interface OpenRequestChange {
  readonly channel: Channel;
  readonly address: string;
  readonly requestId: string | null;
}

/** One transaction of a batch: every contact of it is locked against other intake until commit. */
export interface IntakeBatchTransaction {
  /** What the ledger knows of each message, in the order the batch gave them. */
  readonly entries: readonly ContactLedgerEntry[];
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Appends inside the transaction; each stream is checked against its expected revision alone. */
  append(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]>;
  /** Ledger rows, committed with the events: the batch's last step (an adapter may commit with it). */
  record(stored: readonly StoredMessage[], openRequests: readonly OpenRequestChange[]): Promise<void>;
}

/**
 * Intake's ledger for group commit (PostgreSQL): many contacts stored in one transaction, their
 * ledger rows and events committed together. Without it (EventStoreDB), intake stores contact by
 * contact through IntakeLedger.
 */
export interface IntakeBatchLedger {
  /** What the ledger knows now, without locking: duplicates and open requests, before the transaction. */
  peek(messages: readonly ContactMessage[]): Promise<ContactLedgerEntry[]>;
  /**
   * Runs `work` in one transaction holding every contact's lock; commits what it appended and
   * recorded, or nothing when it throws. `readAhead`: streams `work` will likely read, read with the
   * locks in the same round trip (read after the locks are granted, so as current as a later read).
   */
  transact<T>(
    messages: readonly ContactMessage[],
    work: (tx: IntakeBatchTransaction) => Promise<T>,
    options?: { readonly readAhead?: readonly string[] },
  ): Promise<T>;
}

export const INTAKE_BATCH_LEDGER = Symbol('IntakeBatchLedger');
