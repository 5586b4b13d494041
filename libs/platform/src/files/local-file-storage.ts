import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, isFileId } from './file-storage';
import type { StoredFile, StoredFileMeta } from './file-storage';

/**
 * Files in a local directory (embedded defaults: FILE_STORAGE_DIR, `.data/files`): `<dir>/<ab>/<id>`
 * with its metadata beside it in `<id>.json`. Written to a temporary name and renamed, so a crash
 * never leaves half a file under a real id; the metadata is written last and marks the file as there.
 */
export class LocalFileStorage extends FileStorage {
  constructor(private readonly dir: string) {
    super();
  }

  async put(content: Readable | Buffer, meta: Omit<StoredFileMeta, 'size'>): Promise<{ fileId: string; size: number }> {
    const fileId = randomUUID();
    const folder = join(this.dir, fileId.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const temporary = join(folder, `.${fileId}.part`);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, counter, createWriteStream(temporary, { flags: 'wx' }));
      await rename(temporary, join(folder, fileId));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const stored: StoredFileMeta = { ...meta, size };
    await writeFile(join(folder, `${fileId}.json`), JSON.stringify(stored), { flag: 'wx' });
    return { fileId, size };
  }

  async get(fileId: string): Promise<StoredFile | undefined> {
    if (!isFileId(fileId)) return undefined;
    const folder = join(this.dir, fileId.slice(0, 2));
    let meta: StoredFileMeta;
    try {
      meta = JSON.parse(await readFile(join(folder, `${fileId}.json`), 'utf8')) as StoredFileMeta;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return { meta, content: createReadStream(join(folder, fileId)) };
  }
}
