import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { channels, incidentActions, incidentStates, listSorts, requestActions, requestStates } from '../api/models';
import { roles } from '../auth/principal';
import en from './locales/en.json';
import ru from './locales/ru.json';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
// Plural forms differ by language (en: one/other; ru: one/few/many/other): compare the base keys.
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const keysOf = (tree: Tree) => new Set(flatten(tree).map(base));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.includes('.spec.') ? [path] : [];
  });
}

describe('translations', () => {
  const english = keysOf(en as Tree);
  const russian = keysOf(ru as Tree);

  it('has every key in both Russian and English', () => {
    expect([...english].filter((k) => !russian.has(k))).toEqual([]);
    expect([...russian].filter((k) => !english.has(k))).toEqual([]);
  });

  it('has the plural forms each language needs', () => {
    const plurals = flatten(ru as Tree).filter((k) => /_(one|few|many|other)$/.test(k));
    for (const key of new Set(plurals.map(base))) {
      expect(['one', 'few', 'many', 'other'].map((form) => flatten(ru as Tree).includes(`${key}_${form}`))).toEqual([true, true, true, true]);
      expect(['one', 'other'].map((form) => flatten(en as Tree).includes(`${key}_${form}`))).toEqual([true, true]);
    }
  });

  it('translates every key the source uses literally', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const [, key] of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(key);
      // Keys passed around as data (label: 'hold.reason').
      for (const [, key] of text.matchAll(/\blabel: '([a-z][\w-]*\.[\w.-]+)'/g)) used.add(key);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !english.has(k))).toEqual([]);
  });

  it('translates every value the source builds keys from', () => {
    const built = [
      ...requestStates.map((s) => `state.${s}`),
      ...incidentStates.map((s) => `state.${s}`),
      ...channels.map((c) => `channel.${c}`),
      ...listSorts.map((s) => `sort.${s}`),
      ...roles.map((r) => `role.${r}`),
      ...requestActions.map((a) => `action.${a}`),
      ...incidentActions.map((a) => `action.${a}`),
      ...['my-requests', 'department-requests', 'my-incidents', 'work-group-incidents', 'site-requests', 'site-queue'].map((q) => `queue.${q}`),
      ...['photo', 'document', 'audio', 'other'].map((k) => `attachment.${k}`),
      ...['pending', 'sent', 'delivered', 'failed'].map((d) => `delivery.${d}`),
      ...['lastName', 'firstName', 'middleName', 'phone', 'email', 'inn', 'organisation'].map((f) => `client.${f}`),
      ...['requests', 'incidents'].map((k) => `team.${k}`),
      ...['created', 'migrated', 'edited', 'order-added'].map((k) => `clientHistory.${k}`),
    ];
    expect(built.filter((k) => !english.has(k))).toEqual([]);
  });
});
