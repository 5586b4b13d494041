import type { Readable } from 'node:stream';

/** What is kept beside a file's bytes. */
export interface StoredFileMeta {
  readonly contentType: string;
  /** The name it was uploaded under (shown, never used as a path). */
  readonly name?: string;
  /** Who put it: the IdP subject of the uploader (the API's ownership check reads it). */
  readonly owner: string;
  readonly size: number;
}

export interface StoredFile {
  readonly meta: StoredFileMeta;
  readonly content: Readable;
}

/**
 * Where uploaded files live (residents' photos and documents). A file id is opaque and unguessable;
 * whoever may read a file is the API's decision, not the storage's. Files are never overwritten.
 */
export abstract class FileStorage {
  /** Stores the bytes; `meta.size` is what was written. */
  abstract put(content: Readable | Buffer, meta: Omit<StoredFileMeta, 'size'>): Promise<{ fileId: string; size: number }>;
  /** Undefined when there is no such file. */
  abstract get(fileId: string): Promise<StoredFile | undefined>;
}

/** File ids are UUIDs: a path or key is built from them only after this check. */
export const isFileId = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
