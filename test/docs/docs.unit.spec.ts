import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  allowedIncidentActions,
  allowedProblemActions,
  allowedRequestActions,
  incidentStatuses,
  problemStatuses,
  requestStatuses,
} from '@switchboard/service-desk/domain';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function markdownFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    return statSync(join(root, path)).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

const documents = ['README.md', ...['docs', 'libs', 'projections', 'deploy', 'scripts', 'channels', 'apps'].flatMap(markdownFiles)];

describe('the documentation', () => {
  it.each(documents)('%s links only to files in the repository that exist', (path) => {
    const links = [...read(path).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((link) => !/^(https?:|mailto:|#)/.test(link));
    for (const link of links) {
      const target = resolve(root, dirname(path), link.split('#')[0]);
      expect({ link, inRepository: target.startsWith(root), exists: existsSync(target) }).toEqual({ link, inRepository: true, exists: true });
    }
  });

  it.each(documents)('%s points to no architecture document outside the repository', (path) => {
    expect(read(path)).not.toMatch(/ARCHITECTURE\.md|\.\.\/shared\//);
  });

  it('lists only channels that exist under channels/', () => {
    const listed = /^channels\/\s+(.+?) adapters/m.exec(read('README.md'))?.[1] ?? '';
    const names = listed.split(/,\s*/);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(existsSync(join(root, 'channels', name))).toBe(true);
  });

  describe('docs/architecture.md', () => {
    const architecture = read('docs/architecture.md');
    const rowOf = (state: string) => architecture.split('\n').filter((line) => line.startsWith(`| \`${state}\` |`));

    it.each([...requestStatuses])('shows request state %s with the actions the domain allows', (state) => {
      const [row] = rowOf(state);
      const actions = allowedRequestActions(state);
      expect(row?.split(' | ').at(-1)?.replace(/ \|$/, '')).toBe(actions.length ? actions.join(', ') : 'none');
    });

    it.each([...incidentStatuses])('shows incident state %s with the actions the domain allows', (state) => {
      const rows = rowOf(state);
      const row = rows[rows.length - 1];
      const actions = allowedIncidentActions(state);
      expect(row?.split(' | ').at(-1)?.replace(/ \|$/, '')).toBe(actions.length ? actions.join(', ') : 'none');
    });

    it.each([...problemStatuses])('shows problem state %s with the actions the domain allows', (state) => {
      const [row] = architecture.split('\n').filter((line) => line.startsWith(`| **${state}** |`));
      const actions = allowedProblemActions(state);
      expect(row?.split(' | ').at(-1)?.replace(/ \|$/, '')).toBe(actions.length ? actions.join(', ') : 'none');
    });

    it('has the roles and visibility table', () => {
      for (const role of ['HelpDeskUser', 'HelpDeskManager', 'SL3User', 'SL3Manager']) expect(architecture).toMatch(new RegExp(`^\\| ${role} \\|`, 'm'));
    });
  });
});
