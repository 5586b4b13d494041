import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseReferenceCsv } from './reference-csv.format';
import { ReferenceFileError } from './reference-file';
import type { ReferenceFile } from './reference-file';
import { parseReferenceJson } from './reference-json.format';

const parsers: Record<string, (text: string) => ReferenceFile> = { '.json': parseReferenceJson, '.csv': parseReferenceCsv };

/** Reads a reference data file, JSON or CSV by its extension; a file that cannot be imported at all throws ReferenceFileError. */
export async function readReferenceFile(path: string): Promise<ReferenceFile> {
  const parse = parsers[extname(path).toLowerCase()];
  if (!parse) throw new ReferenceFileError(`expected a .json or .csv file, got ${JSON.stringify(path)}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new ReferenceFileError(`cannot read the file: ${reason}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReferenceFileError('the file is not UTF-8 text');
  }
  return parse(text);
}
