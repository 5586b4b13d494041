import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;

/**
 * The server build (swc, .swcrc) resolves the same aliases as the type checker and jest
 * (tsconfig.base.json); a lib added to one and not the other builds apps that cannot start.
 */
describe('the server build’s path aliases', () => {
  it('are exactly the type checker’s', () => {
    const typed = (read('tsconfig.base.json').compilerOptions as { paths: Record<string, string[]> }).paths;
    const built = (read('.swcrc').jsc as { paths: Record<string, string[]> }).paths;
    expect(built).toEqual(typed);
  });
});
