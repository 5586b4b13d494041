import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, freePort, passwordGrant, realmFile, recordSkip, startAppProcess, testKeycloak } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { launchBrowser, newOperatorContext, seriousViolations, signIn } from './browser';

/**
 * Signing in to the console with authorization code + PKCE: through the development IdP's form and
 * through the real Keycloak login page; the browser renews the token with the refresh token on both.
 */
const STEP = 30_000;

/** The session the console keeps (oidc-client-ts in sessionStorage). */
const storedUser = (page: Page) =>
  page.evaluate<{ access_token: string; refresh_token?: string; expires_at: number } | null>(
    "(() => { const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:')); return key ? JSON.parse(sessionStorage.getItem(key)) : null; })()",
  );

/** Makes the stored access token about to expire and reloads: the console must renew it by itself. */
async function expectRenewalInTheBrowser(page: Page, apiUrl: string): Promise<void> {
  const before = await storedUser(page);
  expect(before?.refresh_token).toEqual(expect.any(String));
  await page.evaluate(
    "(() => { const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:')); const user = JSON.parse(sessionStorage.getItem(key)); user.expires_at = Math.floor(Date.now() / 1000) + 45; sessionStorage.setItem(key, JSON.stringify(user)); })()",
  );
  const refreshed = page.waitForResponse(
    (r) => r.url().includes('/protocol/openid-connect/token') && r.request().postData()?.includes('grant_type=refresh_token') === true,
    { timeout: STEP },
  );
  await page.reload();
  expect((await refreshed).status()).toBe(200);
  await page.waitForFunction(
    (old) => {
      const storage = (globalThis as unknown as { sessionStorage: { key(i: number): string | null; length: number; getItem(k: string): string | null } })
        .sessionStorage;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith('oidc.user:')) return JSON.parse(storage.getItem(key) ?? '{}').access_token !== old;
      }
      return false;
    },
    before?.access_token,
    { timeout: STEP },
  );
  const after = await storedUser(page);
  const me = await fetch(`${apiUrl}/me`, { headers: { authorization: `Bearer ${after?.access_token}` } });
  expect(me.status).toBe(200);
}

describe('console sign-in with the development IdP', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase('console_login_dev');
    app = startAppProcess({ entry: 'dist/apps/switchboard/src/main.js', args: ['start'], port: await freePort(), env: { DATABASE_URL: db.url } });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.drop();
  });

  it('refuses a wrong password on its form, accessibly, and signs in with the right one (code + PKCE)', async () => {
    const page = await (await newOperatorContext(browser)).newPage();
    await page.goto(`${app.url}/console/`);
    await page.getByTestId('sign-in').click();
    await page.waitForURL(/\/protocol\/openid-connect\/auth\?/);
    const authorize = new URL(page.url());
    expect(authorize.pathname).toBe('/dev-idp/realms/switchboard/protocol/openid-connect/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    await page.getByLabel('Username or email').fill('hd.user.north');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Invalid username or password.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Password', { exact: true }).fill('demo');
    const token = page.waitForResponse((r) => r.url().includes('/protocol/openid-connect/token'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const exchange = await token;
    expect(exchange.request().postData()).toMatch(/grant_type=authorization_code.*code_verifier=/);
    expect(exchange.status()).toBe(200);
    await page.getByRole('heading', { name: 'My requests' }).waitFor({ timeout: STEP });
    expect(new URL(page.url()).pathname).toBe('/console/');
  }, 120_000);

  it('renews the token with the refresh token, and signs out', async () => {
    const page = await (await newOperatorContext(browser)).newPage();
    await signIn(page, `${app.url}/console/`, 'l3.user.network');
    await page.getByRole('heading', { name: 'My incidents' }).waitFor({ timeout: STEP });
    await expectRenewalInTheBrowser(page, app.url);
    await page.getByRole('heading', { name: 'My incidents' }).waitFor({ timeout: STEP });
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in').waitFor({ timeout: STEP });
    expect(await storedUser(page)).toBeNull();
  }, 120_000);

  it('serves the console: deep links answer index.html (revalidated), hashed assets are cached for good, a missing asset is a 404', async () => {
    const deep = await fetch(`${app.url}/console/requests/0b7e3c6a-1d2f-4c1b-9a35-7a7f00000001`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${app.url}/console/assets/index-00000000.js`)).status).toBe(404);
    const bare = await fetch(`${app.url}/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/']);
    const config = await fetch(`${app.url}/console/config.json`);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toEqual({
      authority: '/dev-idp/realms/switchboard',
      clientId: 'switchboard-console',
      identityProvider: 'development',
      grafanaUrl: null,
    });
  });

  it('opens a deep link after signing in', async () => {
    const page = await (await newOperatorContext(browser)).newPage();
    await page.goto(`${app.url}/console/clients`);
    await page.getByTestId('sign-in').click();
    await page.locator('#username').fill('hd.user.north');
    await page.locator('#password').fill('demo');
    await page.locator('#kc-login').click();
    await page.getByRole('heading', { name: 'Clients' }).waitFor({ timeout: STEP });
    expect(new URL(page.url()).pathname).toBe('/console/clients');
  }, 120_000);
});

const keycloak = testKeycloak('console sign-in through the Keycloak login page');
const describeWithKeycloak = keycloak ? describe : describe.skip;

describeWithKeycloak('console sign-in with Keycloak', () => {
  const kc = keycloak ?? { url: '', realm: '', adminUsername: '', adminPassword: '' };
  const clientId = `switchboard-console-e2e-${randomUUID().slice(0, 8)}`;
  let db: TestDatabase;
  let app: AppProcess;
  let browser: Browser;
  let adminToken: string;
  let clientUuid = '';

  beforeAll(async () => {
    const port = await freePort();
    adminToken = await passwordGrant(`${kc.url}/realms/master/protocol/openid-connect/token`, 'admin-cli', kc.adminUsername, kc.adminPassword);
    // The shipped console client lists fixed ports; this run's console gets a client of its own, shaped the same.
    const shipped = (realmFile().clients as unknown as { clientId: string; protocolMappers?: object[] }[]).find((c) => c.clientId === 'switchboard-console');
    const created = await fetch(`${kc.url}/admin/realms/${kc.realm}/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId,
        publicClient: true,
        standardFlowEnabled: true,
        directAccessGrantsEnabled: false,
        redirectUris: [`http://127.0.0.1:${port}/console/*`],
        webOrigins: ['+'],
        attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': '+' },
        protocolMappers: (shipped?.protocolMappers ?? []).map((m) => ({ ...m, id: undefined })),
      }),
    });
    expect(created.status).toBe(201);
    clientUuid = String(created.headers.get('location')?.split('/').pop());
    db = await createTestDatabase('console_login_kc');
    app = startAppProcess({
      entry: 'dist/apps/api/src/main.js',
      port,
      env: {
        DATABASE_URL: db.url,
        KEYCLOAK_URL: kc.url,
        KEYCLOAK_REALM: kc.realm,
        KEYCLOAK_CLIENT_ID: 'switchboard-api',
        KEYCLOAK_CLIENT_SECRET: realmFile().clients.find((c) => c.clientId === 'switchboard-api')?.secret ?? '',
        CONSOLE_CLIENT_ID: clientId,
      },
    });
    await app.waitForOutput(/Switchboard api is ready/, 120_000);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.drop();
    if (clientUuid)
      await fetch(`${kc.url}/admin/realms/${kc.realm}/clients/${clientUuid}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
  });

  it('tells the console to sign in with Keycloak', async () => {
    const config = (await (await fetch(`${app.url}/console/config.json`)).json()) as Record<string, unknown>;
    expect(config).toEqual({ authority: `${kc.url}/realms/${kc.realm}`, clientId, identityProvider: 'keycloak', grafanaUrl: null });
  });

  it('signs in through the Keycloak login page and renews the token with the refresh token', async () => {
    const page = await (await newOperatorContext(browser)).newPage();
    await page.goto(`${app.url}/console/`);
    await page.getByTestId('sign-in').click();
    await page.locator('#kc-login').waitFor({ timeout: STEP });
    expect(page.url().startsWith(`${kc.url}/realms/${kc.realm}/protocol/openid-connect/auth`)).toBe(true);
    await page.locator('#username').fill('hd.manager.north');
    await page.locator('#password').fill('demo');
    await page.locator('#kc-login').click();
    await page.getByRole('heading', { name: 'Department requests' }).waitFor({ timeout: STEP });
    await expectRenewalInTheBrowser(page, app.url);
    await page.getByRole('heading', { name: 'Department requests' }).waitFor({ timeout: STEP });
  }, 120_000);
});

if (!keycloak) recordSkip('console sign-in through the Keycloak login page', 'Keycloak unavailable: only the dev IdP sign-in ran');
