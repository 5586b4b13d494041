import { createTestDatabase, freePort, passwordGrant, realmFile, startAppProcess, testKeycloak, waitForStatus } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const suite = 'api with real Keycloak tokens';
const keycloak = testKeycloak(suite);
const describeWithKeycloak = keycloak ? describe : describe.skip;

const realm = realmFile();
const demoUsers = realm.users.filter((u) => u.id && u.credentials?.length && u.realmRoles?.some((r) => /^(HelpDesk|SL3)/.test(r)));

describeWithKeycloak(suite, () => {
  const kc = keycloak ?? { url: '', realm: '', adminUsername: '', adminPassword: '' };
  const tokenEndpoint = `${kc.url}/realms/${kc.realm}/protocol/openid-connect/token`;
  let db: TestDatabase;
  let api: AppProcess;
  let adminToken: string;
  const temporaryClients: string[] = [];

  const callMe = (token: string) => fetch(`${api.url}/me`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    db = await createTestDatabase('api_keycloak');
    api = startAppProcess({
      entry: 'dist/apps/api/src/main.js',
      port: await freePort(),
      env: {
        DATABASE_URL: db.url,
        KEYCLOAK_URL: kc.url,
        KEYCLOAK_REALM: kc.realm,
        KEYCLOAK_CLIENT_ID: 'switchboard-api',
        KEYCLOAK_CLIENT_SECRET: realm.clients.find((c) => c.clientId === 'switchboard-api')?.secret ?? '',
      },
    });
    await api.waitForOutput(/Switchboard api is ready/, 90_000);
    adminToken = await passwordGrant(`${kc.url}/realms/master/protocol/openid-connect/token`, 'admin-cli', kc.adminUsername, kc.adminPassword);
  }, 120_000);

  afterAll(async () => {
    for (const id of temporaryClients) {
      await fetch(`${kc.url}/admin/realms/${kc.realm}/clients/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
    }
    await api?.stop();
    await db?.drop();
  });

  it('is ready with Keycloak among its checked dependencies', async () => {
    await waitForStatus(`${api.url}/health`, 200);
    const body = (await (await fetch(`${api.url}/health`)).json()) as { checks: Record<string, { status: string }> };
    expect(body.checks.keycloak.status).toBe('up');
  });

  it('covers every demo role', () => {
    const roles = new Set(demoUsers.flatMap((u) => u.realmRoles ?? []));
    expect([...roles].filter((r) => r !== 'default-roles-switchboard').sort()).toEqual(['HelpDeskManager', 'HelpDeskUser', 'SL3Manager', 'SL3User']);
  });

  it.each(demoUsers.map((u) => [u.username, u]))('accepts a direct-grant token of %s with its roles and groups', async (username, user) => {
    const token = await passwordGrant(tokenEndpoint, 'switchboard-console', username, user.credentials?.[0]?.value ?? '');
    const response = await callMe(token);
    expect(response.status).toBe(200);
    const me = (await response.json()) as { userId: string; username: string; roles: string[]; departments: string[]; workGroups: string[] };
    expect(me.userId).toBe(user.id);
    expect(me.username).toBe(username);
    expect(me.roles).toEqual((user.realmRoles ?? []).filter((r) => r !== 'default-roles-switchboard'));
    const groups = user.groups ?? [];
    expect(me.departments).toEqual(groups.filter((g) => g.startsWith('/departments/')).map((g) => g.split('/')[2]));
    expect(me.workGroups).toEqual(groups.filter((g) => g.startsWith('/work-groups/')).map((g) => g.split('/')[2]));
  });

  it('rejects a tampered token with 401', async () => {
    const token = await passwordGrant(tokenEndpoint, 'switchboard-console', 'hd.user.north', 'demo');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { realm_access: { roles: string[] } };
    claims.realm_access.roles.push('HelpDeskManager');
    const response = await callMe(`${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain('signature');
  });

  it('rejects a token of another realm with 401', async () => {
    const response = await callMe(adminToken);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain('wrong ISS');
  });

  it('rejects an expired token with 401', async () => {
    // A throw-away client whose access tokens live one second.
    const clientId = `switchboard-expiring-${process.pid}-${Date.now()}`;
    const created = await fetch(`${kc.url}/admin/realms/${kc.realm}/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId,
        publicClient: true,
        directAccessGrantsEnabled: true,
        standardFlowEnabled: false,
        attributes: { 'access.token.lifespan': '1' },
      }),
    });
    expect(created.status).toBe(201);
    temporaryClients.push(String(created.headers.get('location')?.split('/').pop()));
    const token = await passwordGrant(tokenEndpoint, clientId, 'hd.user.north', 'demo');
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 1_100));
    const response = await callMe(token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain('expired');
  });
});
