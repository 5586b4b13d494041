import { existsSync, realpathSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

/** Where `npm run build` puts the console (vite build → dist/apps/console), next to the compiled API. */
export const defaultConsoleDir = (): string => resolve(__dirname, '../../../console');

export type ConsoleFile =
  { readonly kind: 'file'; readonly path: string; readonly cacheControl: string } | { readonly kind: 'missing' } | { readonly kind: 'not-built' };

/** Content-hashed by Vite: the name changes with the content, so the browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always revalidated, so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

/**
 * Resolves a path under /console/ to a built file: hashed assets are cached for a year, anything
 * else that exists is revalidated, an unknown asset is a 404, and every other path is a screen of
 * the single-page app (deep links like /console/requests/:id) answered with index.html.
 */
export function resolveConsoleFile(root: string, requestPath: string): ConsoleFile {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return { kind: 'not-built' };
  const relative = requestPath.replace(/^\/+/, '');
  const candidate = resolve(root, relative);
  const inside = candidate === resolve(root) || candidate.startsWith(resolve(root) + sep);
  if (inside && relative !== '' && existsSync(candidate) && realpathSync(candidate).startsWith(realpathSync(root))) {
    const isFile = extname(candidate) !== '';
    if (isFile) return { kind: 'file', path: candidate, cacheControl: relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE };
  }
  // A missing hashed file must not be answered with index.html: the browser would run HTML as a script.
  if (relative.startsWith('assets/') || extname(relative) !== '') return { kind: 'missing' };
  return { kind: 'file', path: index, cacheControl: REVALIDATE };
}
