import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReferenceFile } from './reference-file.reader';

describe('readReferenceFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-reference-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('picks the format by extension, in any letter case', async () => {
    const path = join(dir, 'CATALOGUE.CSV');
    writeFileSync(path, 'kind,code,name,workGroupCode\r\nservice,1001,Home internet,301\r\n');
    const file = await readReferenceFile(path);
    expect(file.format).toBe('csv');
    expect(file.rows).toHaveLength(1);
  });

  it('refuses a file that is not UTF-8 text', async () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.from('kind,code,name\nservice,1,Caf\xe9\n', 'latin1'));
    await expect(readReferenceFile(path)).rejects.toThrow('the file is not UTF-8 text');
  });

  it('refuses a directory that is named like a file', async () => {
    const path = join(dir, 'folder.json');
    mkdirSync(path);
    await expect(readReferenceFile(path)).rejects.toThrow('cannot read the file: it is a directory');
  });
});
