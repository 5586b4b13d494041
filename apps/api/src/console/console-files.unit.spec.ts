import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConsoleFile } from './console-files';

describe('the console’s built files', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-files-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), '');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('caches hashed assets for a year', () => {
    expect(resolveConsoleFile(root, 'assets/index-abc123.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-abc123.js'),
      cacheControl: 'public, max-age=31536000, immutable',
    });
  });

  it('answers deep links of the single-page app with index.html, always revalidated', () => {
    for (const path of ['', 'requests/6f1c0c8e-0000-4000-8000-000000000001', 'incidents/x', 'clients']) {
      expect(resolveConsoleFile(root, path)).toEqual({ kind: 'file', path: join(root, 'index.html'), cacheControl: 'no-cache' });
    }
  });

  it('revalidates other files and 404s a missing asset instead of answering HTML', () => {
    expect(resolveConsoleFile(root, 'favicon.svg')).toMatchObject({ kind: 'file', cacheControl: 'no-cache' });
    expect(resolveConsoleFile(root, 'assets/index-old999.js')).toEqual({ kind: 'missing' });
    expect(resolveConsoleFile(root, 'robots.txt')).toEqual({ kind: 'missing' });
  });

  it('never leaves its directory', () => {
    writeFileSync(join(root, '..', 'outside-console.txt'), 'secret');
    expect(resolveConsoleFile(root, '../outside-console.txt')).toEqual({ kind: 'missing' });
    expect(resolveConsoleFile(root, '../../etc/passwd')).toEqual({ kind: 'file', path: join(root, 'index.html'), cacheControl: 'no-cache' });
    rmSync(join(root, '..', 'outside-console.txt'));
  });

  it('says when the console has not been built', () => {
    expect(resolveConsoleFile(join(root, 'nowhere'), '')).toEqual({ kind: 'not-built' });
  });
});
