import type { ReferenceRow, RejectedRow } from '@switchboard/catalogue';

export type ReferenceFileFormat = 'json' | 'csv';

/** A reference data file read into rows; rows the reader could not make out are already rejected. */
export interface ReferenceFile {
  readonly format: ReferenceFileFormat;
  readonly rows: readonly ReferenceRow[];
  readonly rejected: readonly RejectedRow[];
}

/** The file as a whole cannot be imported (unreadable, not JSON/CSV, wrong shape); one line for the operator. */
export class ReferenceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceFileError';
  }
}
