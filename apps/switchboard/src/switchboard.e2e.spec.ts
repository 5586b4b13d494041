import { createHmac, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRolePermissions, permissions } from '@switchboard/identity/domain';
import { EventStreamClient, freePort, startAppProcess, waitForStatus } from '@switchboard/platform/testing';
import type { AppProcess } from '@switchboard/platform/testing';

const entry = 'dist/apps/switchboard/src/main.js';
const phoneSecret = 'all-in-one-pbx-secret';

async function demoToken(baseUrl: string, username: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${baseUrl}/dev-idp/realms/switchboard/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-console', username, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('switchboard start (embedded defaults)', () => {
  let dataDir: string;
  let app: AppProcess;
  let postgresPid: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data dir
    const [port, pgPort] = await Promise.all([freePort(), freePort()]);
    app = startAppProcess({
      entry,
      args: ['start'],
      port,
      env: { EMBEDDED_PG_DIR: join(dataDir, 'postgres'), EMBEDDED_PG_PORT: String(pgPort), PHONE_WEBHOOK_SECRET: phoneSecret },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    postgresPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  }, 180_000);

  afterAll(async () => {
    await app?.stop('SIGKILL');
    if (postgresPid && isAlive(postgresPid)) process.kill(postgresPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where the API and its OpenAPI page are', () => {
    expect(app.output()).toContain(`API:        http://localhost:`);
    expect(app.output()).toMatch(/OpenAPI: +http:\/\/localhost:\d+\/docs/);
  });

  it('answers ready on /health once PostgreSQL and the identity provider answer', async () => {
    await waitForStatus(`${app.url}/health`, 200);
    const body = (await (await fetch(`${app.url}/health`)).json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['dev-idp', 'eventstore', 'outbox', 'postgres', 'processors']);
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${app.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/me', '/services', '/health']));
  });

  it('exposes Prometheus metrics labelled by route template', async () => {
    await fetch(`${app.url}/services`);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/switchboard_http_requests_total\{method="GET",route="\/services",status="401",app="switchboard"\} \d+/);
  });

  it('lets a demo user call an authenticated endpoint with a dev IdP token', async () => {
    const token = await demoToken(app.url, 'hd.manager.north');
    const me = await fetch(`${app.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      userId: '5b0a0000-0000-4000-8000-000000000101',
      username: 'hd.manager.north',
      email: expect.stringContaining('@'),
      // The IdP vouches for the address (a resident's portal account is linked by it).
      emailVerified: true,
      roles: ['HelpDeskManager'],
      // A fresh system maps each role to its default permissions (ADR 0031), listed in catalogue order.
      permissions: permissions.filter((p) => defaultRolePermissions.HelpDeskManager.includes(p)),
      departments: ['first-line-north'],
      workGroups: [],
    });
  });

  it('lists the demo catalogue to an authenticated user', async () => {
    const token = await demoToken(app.url, 'hd.user.north');
    const response = await fetch(`${app.url}/services`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { items: { code: number; workGroupName: string }[] };
    expect(body.items.map((s) => s.code)).toEqual([1001, 1002, 2001, 2002]);
    expect(body.items[0].workGroupName).toBe('Network L3');
  });

  it('rejects a missing or tampered token with 401 problem+json', async () => {
    const missing = await fetch(`${app.url}/me`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const token = await demoToken(app.url, 'hd.user.north');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { realm_access: { roles: string[] } };
    claims.realm_access.roles = ['HelpDeskManager'];
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const tampered = await fetch(`${app.url}/me`, { headers: { authorization: `Bearer ${forged}` } });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { detail: string }).detail).toMatch(/signature/);
  });

  it('refuses wrong demo credentials like Keycloak does', async () => {
    const response = await fetch(`${app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'switchboard-console', username: 'hd.user.north', password: 'wrong' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  });

  it("pops a call posted to its phone webhook up on an operator's event stream opened with a ticket", async () => {
    const token = await demoToken(app.url, 'hd.user.north');
    const ticket = (await (await fetch(`${app.url}/me/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as {
      url: string;
    };
    const stream = await EventStreamClient.open(`${app.url}${ticket.url}`);
    try {
      const callId = `pbx-${randomUUID()}`;
      const body = JSON.stringify({ callId, event: 'ringing', from: '+79161234567', to: '+74950000000', at: '2026-11-25T10:00:00Z' });
      const signature = `sha256=${createHmac('sha256', phoneSecret).update(body).digest('hex')}`;
      const posted = await fetch(`${app.url}/channels/phone/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signature },
        body,
      });
      expect(posted.status).toBe(200);
      expect(JSON.parse((await stream.next('screen-pop', (data) => data.includes(callId))).data)).toMatchObject({ callId, from: '+79161234567' });
    } finally {
      stream.close();
    }
  });

  it('shuts down cleanly on Ctrl-C and leaves no process behind', async () => {
    expect(isAlive(postgresPid)).toBe(true);
    const code = await app.stop('SIGINT');
    expect(code).toBe(0);
    expect(app.output()).toContain('embedded PostgreSQL stopped');
    expect(isAlive(postgresPid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('switchboard start with a bad configuration', () => {
  it.each([
    ['HTTP_PORT', 'eighty', 'HTTP_PORT is invalid: expected a TCP port number between 1 and 65535, got "eighty"'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL is invalid: expected one of fatal, error, warn, info, debug, verbose, got "loud"'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL is invalid: expected a URL like redis://127.0.0.1:6379 (scheme redis or rediss), got "localhost:6379"'],
  ])('stops with one line naming %s and exit code 2', async (variable, value, message) => {
    const app = startAppProcess({ entry, args: ['start'], port: await freePort(), env: { [variable]: value } });
    const code = await app.exited;
    expect(code).toBe(2);
    expect(app.output()).toBe(`switchboard: configuration error: ${message}\n`);
  });

  it('refuses the development identity provider in production', async () => {
    const app = startAppProcess({ entry, args: ['start'], port: await freePort(), env: { NODE_ENV: 'production' } });
    expect(await app.exited).toBe(2);
    expect(app.output()).toMatch(/^switchboard: configuration error: KEYCLOAK_URL is required: .*NODE_ENV=production\n$/);
  });
});
