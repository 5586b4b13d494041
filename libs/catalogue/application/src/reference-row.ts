import type { RawReferenceFields } from '@switchboard/catalogue/domain';
import type { UpsertOutcome } from './catalogue.port';

export type ReferenceKind = 'work_group' | 'service';

export const referenceKinds: readonly ReferenceKind[] = ['work_group', 'service'];

/** One row of reference data from a file or an ESB message, not yet validated. */
export interface ReferenceRow {
  /** Where the row came from, for the rejection report: a CSV line, a JSON array position, 1 for a message. */
  readonly row: number;
  readonly kind: ReferenceKind;
  readonly fields: RawReferenceFields;
}

export interface RejectedRow {
  readonly row: number;
  /** `unknown` when the row did not say what it is (a CSV `kind` cell that is neither). */
  readonly kind: ReferenceKind | 'unknown';
  readonly reason: string;
}

export type ReferenceCounts = Readonly<Record<UpsertOutcome | 'rejected', number>>;

export interface ReferenceImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RejectedRow[];
  readonly byKind: Readonly<Record<ReferenceKind, ReferenceCounts>>;
}

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}
