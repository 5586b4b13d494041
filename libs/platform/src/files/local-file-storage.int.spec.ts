import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalFileStorage } from './local-file-storage';

describe('LocalFileStorage', () => {
  let dir: string;
  let storage: LocalFileStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-files-'));
    storage = new LocalFileStorage(join(dir, 'files'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives back the bytes and the metadata it was given, from a stream or a buffer', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const streamed = await storage.put(Readable.from([photo.subarray(0, 2), photo.subarray(2)]), {
      contentType: 'image/jpeg',
      name: 'leak.jpg',
      owner: 'user-1',
    });
    const buffered = await storage.put(Buffer.from('%PDF-1.7'), { contentType: 'application/pdf', owner: 'user-2' });
    expect(streamed.size).toBe(6);
    expect(streamed.fileId).not.toBe(buffered.fileId);

    const file = await storage.get(streamed.fileId);
    expect(file?.meta).toEqual({ contentType: 'image/jpeg', name: 'leak.jpg', owner: 'user-1', size: 6 });
    expect(Buffer.concat(await (file?.content ?? Readable.from([])).toArray())).toEqual(photo);
    expect((await storage.get(buffered.fileId))?.meta.owner).toBe('user-2');
  });

  it('knows no file it did not store, and never reads outside its directory', async () => {
    expect(await storage.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await storage.get('../../etc/passwd')).toBeUndefined();
  });

  it('leaves no partial file behind when the upload stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(failing, { contentType: 'image/png', owner: 'user-1' })).rejects.toThrow('connection lost');
    const folders = await readdir(join(dir, 'files'));
    const left = (await Promise.all(folders.map((f) => readdir(join(dir, 'files', f))))).flat();
    expect(left).toEqual([]);
  });
});
