import type { ReferenceKind, ReferenceRow, RejectedRow } from '@switchboard/catalogue';
import type { RawReferenceFields } from '@switchboard/catalogue/domain';
import { ReferenceFileError } from './reference-file';
import type { ReferenceFile } from './reference-file';
import { errorMessage } from '@switchboard/kernel';

const lists: Record<string, ReferenceKind> = { workGroups: 'work_group', services: 'service' };

/**
 * `{ "workGroups": [{ code, name, email, managerId }], "services": [{ code, name, workGroupCode }] }`;
 * either list may be left out. A row's number is its position in its list, from 1.
 */
export function parseReferenceJson(text: string): ReferenceFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ReferenceFileError(`not valid JSON (${errorMessage(error)})`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new ReferenceFileError('expected a JSON object with "workGroups" and/or "services" lists');
  }
  const entries = Object.entries(document as Record<string, unknown>);
  const unknown = entries.find(([key]) => !(key in lists));
  if (unknown) throw new ReferenceFileError(`unknown key ${JSON.stringify(unknown[0])} (expected "workGroups" and/or "services")`);
  if (entries.length === 0) throw new ReferenceFileError('expected a JSON object with "workGroups" and/or "services" lists, got an empty object');

  const rows: ReferenceRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const key of Object.keys(lists)) {
    const list = (document as Record<string, unknown>)[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new ReferenceFileError(`"${key}" must be a list, got ${typeof list}`);
    const kind = lists[key];
    list.forEach((item: unknown, index) => {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) rows.push({ row: index + 1, kind, fields: item as RawReferenceFields });
      else rejected.push({ row: index + 1, kind, reason: `expected an object, got ${JSON.stringify(item)}` });
    });
  }
  return { format: 'json', rows, rejected };
}
