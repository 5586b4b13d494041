import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Checks of the built console (the e2e tier's global setup runs `npm run build`). */
const root = resolve(__dirname, '../..');
const built = join(root, 'dist/apps/console');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const BUDGET_BYTES = 350 * 1024;

describe('the built console', () => {
  const manifest = JSON.parse(readFileSync(join(built, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gzipped = (file: string) => gzipSync(readFileSync(join(built, file)), { level: 9 }).length;

  /** A chunk and everything it imports statically: what the browser must load before it runs. */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
    return seen;
  };

  it('loads at most 350 KB of gzipped JavaScript before the first screen (shell + My work)', () => {
    const [entry] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
    expect(entry).toBeDefined();
    const firstScreen = Object.keys(manifest).find((key) => key.endsWith('src/screens/my-work.screen.tsx'));
    expect(firstScreen).toBeDefined();
    const initial = closure(entry as string);
    const withFirstScreen = closure(firstScreen as string, new Set(initial));
    const size = (keys: Set<string>) => [...keys].reduce((sum, key) => sum + gzipped(manifest[key].file), 0);
    const shell = size(initial);
    const total = size(withFirstScreen);
    process.stdout.write(
      `\nconsole: initial JavaScript ${(shell / 1024).toFixed(1)} KB gzipped (entry + static imports), ${(total / 1024).toFixed(1)} KB with the My work screen; budget ${BUDGET_BYTES / 1024} KB\n`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('serves index.html that loads only hashed assets under /console/', () => {
    const html = readFileSync(join(built, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) expect(asset).toMatch(/^\/console\/(assets\/[\w.-]+-[\w-]{8}\.(js|css)|favicon\.svg)$/);
  });

  it('has the typed API client that the API’s OpenAPI document generates now', () => {
    const run = spawnSync(process.execPath, [join(root, 'apps/console/scripts/generate-api-client.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('notices when the checked-in client is stale', () => {
    const schema = join(root, 'apps/console/src/api/schema.d.ts');
    const original = readFileSync(schema, 'utf8');
    try {
      writeFileSync(schema, original.replace('"/requests/{id}/escalate"', '"/requests/{id}/escalate-renamed"'));
      const run = spawnSync(process.execPath, [join(root, 'apps/console/scripts/generate-api-client.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('npm run console:api-client');
    } finally {
      writeFileSync(schema, original);
    }
  });
});
