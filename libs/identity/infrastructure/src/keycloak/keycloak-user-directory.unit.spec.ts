import { UserDirectoryUnavailableError } from '@switchboard/identity';
import { KeycloakUserDirectory } from './keycloak-user-directory';

const base = 'http://keycloak.test';
const admin = `${base}/admin/realms/switchboard`;
const tokenUrl = `${base}/realms/switchboard/protocol/openid-connect/token`;

const maxim = {
  id: 'u-211',
  username: 'l3.user.network',
  firstName: 'Maxim',
  lastName: 'Popov',
  email: 'maxim@x.example',
  attributes: { managerId: ['u-201'] },
};

type Handler = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;

/** A scripted Keycloak: answers by path, counts calls, issues numbered tokens. */
function fakeKeycloak(routes: Record<string, Handler> = {}) {
  const calls: string[] = [];
  let issued = 0;
  let expiresIn = 300;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const defaults: Record<string, Handler> = {
    [`${admin}/users/u-211`]: () => json(200, maxim),
    [`${admin}/users/u-211/groups`]: () => json(200, [{ id: 'g-1', path: '/work-groups/network-l3' }]),
    [`${admin}/users/u-211/role-mappings/realm/composite`]: () =>
      json(200, [{ name: 'default-roles-switchboard' }, { name: 'SL3User' }, { name: 'offline_access' }]),
  };
  const table = { ...defaults, ...routes };
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const key = `${url.origin}${url.pathname}`;
    calls.push(key === tokenUrl ? 'token' : url.pathname.replace('/admin/realms/switchboard', ''));
    if (key === tokenUrl) {
      issued += 1;
      return json(200, { access_token: `token-${issued}`, expires_in: expiresIn });
    }
    const handler = table[key];
    return handler ? handler(url, init) : json(404, { error: 'not found' });
  };
  return {
    fetch: fetchFn as typeof fetch,
    calls,
    json,
    setExpiresIn: (s: number) => (expiresIn = s),
    tokenCalls: () => calls.filter((c) => c === 'token').length,
  };
}

const options = (keycloak: ReturnType<typeof fakeKeycloak>, clock = () => 0) => ({
  url: `${base}/`,
  realm: 'switchboard',
  clientId: 'switchboard-directory',
  clientSecret: 's3cret',
  fetch: keycloak.fetch,
  clock,
});

describe('KeycloakUserDirectory', () => {
  it('reads a user with their groups, effective realm roles and manager', async () => {
    const directory = new KeycloakUserDirectory(options(fakeKeycloak()));
    expect(await directory.userById('u-211')).toEqual({
      id: 'u-211',
      username: 'l3.user.network',
      email: 'maxim@x.example',
      firstName: 'Maxim',
      lastName: 'Popov',
      groups: ['/work-groups/network-l3'],
      roles: ['SL3User'],
      managerId: 'u-201',
    });
  });

  it('answers undefined for a user Keycloak does not know', async () => {
    const directory = new KeycloakUserDirectory(options(fakeKeycloak()));
    expect(await directory.userById('nobody')).toBeUndefined();
  });

  it('sends the client credentials and reuses the token until shortly before it expires', async () => {
    let now = 0;
    const keycloak = fakeKeycloak();
    const seen: string[] = [];
    const directory = new KeycloakUserDirectory({
      ...options(keycloak, () => now),
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        if (String(input) === tokenUrl) seen.push(String(init?.body));
        else seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return keycloak.fetch(input, init);
      }) as typeof fetch,
    });
    await directory.userById('u-211');
    now = 269_000; // 300 s token, renewed 30 s early
    await directory.userById('u-211');
    expect(keycloak.tokenCalls()).toBe(1);
    now = 270_000;
    await directory.userById('u-211');
    expect(keycloak.tokenCalls()).toBe(2);
    expect(seen[0]).toBe('grant_type=client_credentials&client_id=switchboard-directory&client_secret=s3cret');
    expect(seen).toContain('Bearer token-1');
    expect(seen.at(-1)).toBe('Bearer token-2');
  });

  it('asks for one token when many lookups start at once', async () => {
    const keycloak = fakeKeycloak();
    const directory = new KeycloakUserDirectory(options(keycloak));
    await Promise.all([directory.userById('u-211'), directory.userById('u-211'), directory.userById('nobody')]);
    expect(keycloak.tokenCalls()).toBe(1);
  });

  it('fetches a fresh token once when Keycloak refuses the cached one', async () => {
    let refusals = 1;
    const keycloak = fakeKeycloak({
      [`${admin}/users/u-211`]: (_, init) =>
        refusals-- > 0 && new Headers(init?.headers).get('authorization') === 'Bearer token-1'
          ? new Response('', { status: 401 })
          : new Response(JSON.stringify(maxim), { status: 200 }),
    });
    const directory = new KeycloakUserDirectory(options(keycloak));
    expect((await directory.userById('u-211'))?.username).toBe('l3.user.network');
    expect(keycloak.tokenCalls()).toBe(2);
  });

  it('lists the members of a group by its path, page by page, sorted by username', async () => {
    const member = (n: number) => ({ ...maxim, id: `m-${n}`, username: `user.${String(n).padStart(2, '0')}` });
    const keycloak = fakeKeycloak({
      [`${admin}/group-by-path/work-groups/network-l3`]: () => new Response(JSON.stringify({ id: 'g-1', path: '/work-groups/network-l3' })),
      [`${admin}/groups/g-1/members`]: (url) => {
        const first = Number(url.searchParams.get('first'));
        const max = Number(url.searchParams.get('max'));
        const all = [3, 1, 2, 5, 4].map(member);
        return new Response(JSON.stringify(all.slice(first, first + max)));
      },
    });
    const directory = new KeycloakUserDirectory({ ...options(keycloak), pageSize: 2 });
    const members = await directory.membersOfGroup('/work-groups/network-l3');
    expect(members.map((m) => m.username)).toEqual(['user.01', 'user.02', 'user.03', 'user.04', 'user.05']);
    expect(keycloak.calls.filter((c) => c === '/groups/g-1/members')).toHaveLength(3);
  });

  it('answers no members for a group Keycloak does not know', async () => {
    const directory = new KeycloakUserDirectory(options(fakeKeycloak()));
    expect(await directory.membersOfGroup('/work-groups/nope')).toEqual([]);
    expect(await directory.membersOfGroup('/')).toEqual([]);
  });

  it('reports a Keycloak error answer as the directory being unavailable', async () => {
    const keycloak = fakeKeycloak({ [`${admin}/users/u-211`]: () => new Response('maintenance', { status: 503 }) });
    const directory = new KeycloakUserDirectory(options(keycloak));
    const error = await directory.userById('u-211').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserDirectoryUnavailableError);
    expect((error as Error).message).toBe('user directory unavailable: Keycloak answered 503 to GET /users/u-211: maintenance');
  });

  it('reports an unreachable Keycloak as the directory being unavailable', async () => {
    const directory = new KeycloakUserDirectory({
      ...options(fakeKeycloak()),
      fetch: (async () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }))) as typeof fetch,
    });
    const error = await directory.userById('u-211').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserDirectoryUnavailableError);
    expect((error as Error).message).toBe('user directory unavailable: Keycloak token endpoint unreachable (fetch failed: connect ECONNREFUSED 127.0.0.1:1)');
  });

  it('reports refused client credentials without repeating the secret', async () => {
    const directory = new KeycloakUserDirectory({
      ...options(fakeKeycloak()),
      fetch: (async () =>
        new Response(JSON.stringify({ error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }), {
          status: 401,
        })) as typeof fetch,
    });
    const error = (await directory.userById('u-211').catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(UserDirectoryUnavailableError);
    expect(error.message).toBe(
      'user directory unavailable: Keycloak refused a token for client switchboard-directory: 401 Invalid client or Invalid client credentials',
    );
    expect(error.message).not.toContain('s3cret');
  });
});
