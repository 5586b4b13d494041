import { fireEvent, screen, waitFor } from '@testing-library/react';
import { operator, renderScreen } from '../../test/render';
import AccessScreen from './access.screen';

const admin = { ...operator, userId: '5b0a0000-0000-4000-8000-000000000999', username: 'access.admin', roles: ['AccessAdmin' as const] };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, title: string) =>
  new Response(JSON.stringify({ status, title }), { status, headers: { 'content-type': 'application/problem+json' } });

const catalogue = [
  { permission: 'routing.admin', resource: 'routing', description: { ru: 'Ведёт правила маршрутизации', en: 'Keeps the routing rules' } },
  { permission: 'access.admin', resource: 'access', description: { ru: 'Управляет правами ролей', en: 'Administers the roles’ permissions' } },
];

interface Put {
  readonly role: string;
  readonly key: string | null;
  readonly ifMatch: string | null;
  readonly permissions: string[];
}

/**
 * The access API as the screen sees it, with the server's rules: a save states the version it saw
 * (409 when stale) and is idempotent on its key (the same key answers the stored result). `loseNext`
 * applies the next save and loses its answer on the way back, as a dropped connection does.
 */
function accessApi(options: { loseNext?: boolean } = {}) {
  const roles = new Map([
    ['HelpDeskManager', { role: 'HelpDeskManager', permissions: ['routing.admin'], version: 0, isDefault: true }],
    ['AccessAdmin', { role: 'AccessAdmin', permissions: ['access.admin'], version: 0, isDefault: true }],
  ]);
  const done = new Map<string, unknown>();
  const puts: Put[] = [];
  let lose = options.loseNext ?? false;
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (request.method === 'GET' && path === '/access/permissions') return json({ items: catalogue });
    if (request.method === 'GET' && path === '/access/roles') return json({ items: [...roles.values()] });
    const put = /^\/access\/roles\/(\w+)\/permissions$/.exec(path);
    if (request.method === 'PUT' && put) {
      const body = JSON.parse(await request.text()) as { permissions: string[] };
      const key = request.headers.get('idempotency-key');
      puts.push({ role: put[1], key, ifMatch: request.headers.get('if-match'), permissions: body.permissions });
      if (key && done.has(key)) return json(done.get(key));
      const current = roles.get(put[1]);
      if (!current) return problem(404, 'no such role');
      if (request.headers.get('if-match') !== `"${current.version}"`) return problem(409, 'stale');
      const saved = { ...current, permissions: body.permissions, version: current.version + 1, isDefault: false };
      roles.set(put[1], saved);
      if (key) done.set(key, saved);
      if (lose) {
        lose = false;
        throw new TypeError('Failed to fetch');
      }
      return json(saved);
    }
    return json({ status: 404, title: 'not found' }, 404);
  }) as typeof fetch;
  return { puts, roles };
}

const box = (name: string) => screen.findByRole('checkbox', { name }) as Promise<HTMLInputElement>;

describe('the access screen', () => {
  it('sends a retried save under the same Idempotency-Key, so a save whose answer was lost is not a conflict', async () => {
    const api = accessApi({ loseNext: true });
    await renderScreen(<AccessScreen />, { principal: admin });
    fireEvent.click(await box('Help desk manager: routing.admin'));
    fireEvent.click(screen.getByRole('button', { name: 'Save Help desk manager' }));
    // The answer never came: the screen says so, and the draft stays for a retry.
    await waitFor(() => expect(api.puts).toHaveLength(1));
    await screen.findByRole('alert');

    fireEvent.click(screen.getByRole('button', { name: 'Save Help desk manager' }));
    await waitFor(() => expect(api.puts).toHaveLength(2));
    expect(api.puts[1]).toEqual({ ...api.puts[0], key: expect.any(String) });
    expect(api.puts[1].key).toBe(api.puts[0].key);
    expect(await screen.findByText('version 1')).toBeTruthy();
    expect(screen.queryByTestId('conflict')).toBeNull();
    expect(api.roles.get('HelpDeskManager')?.permissions).toEqual([]);

    // The next change is another save: a new key.
    fireEvent.click(await box('Help desk manager: routing.admin'));
    fireEvent.click(screen.getByRole('button', { name: 'Save Help desk manager' }));
    await waitFor(() => expect(api.puts).toHaveLength(3));
    expect(api.puts[2].key).not.toBe(api.puts[0].key);
    expect(api.puts[2]).toMatchObject({ ifMatch: '"1"', permissions: ['routing.admin'] });
  });

  it('does not let the administrator clear AccessAdmin’s access.admin, and says why', async () => {
    accessApi();
    await renderScreen(<AccessScreen />, { principal: admin });
    const locked = await box('Access administrator: access.admin');
    expect(locked.disabled).toBe(true);
    expect(locked.checked).toBe(true);
    // A click records nothing: the column has no change to save.
    fireEvent.click(locked);
    expect((screen.getByRole('button', { name: 'Save Access administrator' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('access-locked').getAttribute('title')).toBe('AccessAdmin always keeps this permission: without it nobody could give it back.');
    // The other roles' boxes of the same permission stay editable.
    expect((await box('Help desk manager: access.admin')).disabled).toBe(false);
  });

  it('reloads only the stale role on a conflict, keeping the other roles’ unsaved columns', async () => {
    const api = accessApi();
    await renderScreen(<AccessScreen />, { principal: admin });
    fireEvent.click(await box('Help desk manager: access.admin'));
    fireEvent.click(await box('Access administrator: routing.admin'));
    // Another admin saved the help-desk managers meanwhile.
    api.roles.set('HelpDeskManager', { role: 'HelpDeskManager', permissions: [], version: 1, isDefault: false });
    fireEvent.click(screen.getByRole('button', { name: 'Save Help desk manager' }));
    await screen.findByTestId('conflict');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
    await waitFor(async () => expect((await box('Help desk manager: routing.admin')).checked).toBe(false));
    expect((await box('Help desk manager: access.admin')).checked).toBe(false);
    // The access administrators' draft is still there, ready to save.
    expect((await box('Access administrator: routing.admin')).checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Save Access administrator' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
