import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  freePort,
  passwordGrant,
  realmFile,
  recordSkip,
  startAppProcess,
  syncRealmFile,
  testKeycloak,
} from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

export const demoUsers = [
  'hd.user.north',
  'hd.user.north2',
  'hd.user.south',
  'hd.manager.north',
  'hd.manager.south',
  'l3.user.network',
  'l3.user.network2',
  'l3.user.billing',
  'l3.manager.network',
  'l3.manager.billing',
  'guard.river-park',
  'guard.old-town',
  'concierge.river-park',
  'dispatcher.central',
  'client.service',
  'site.manager.river',
  'comms.admin',
  'access.admin',
  'resident.anna',
  'resident.ivan',
] as const;
/** Site staff and technicians (ADR 0032): synced and signed in only for the suites that name them. */
export const siteStaffUsers = [
  'site.manager.river',
  'client.manager.river',
  'dispatcher.central',
  'dispatcher.old-town',
  'technician.river',
  'technician.old-town',
  'concierge.river-park',
  'guard.river-park',
  'guard.old-town',
  'client.service',
] as const;
export type DemoUser = (typeof demoUsers)[number] | (typeof siteStaffUsers)[number];

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export interface OperatorApi {
  readonly app: AppProcess;
  readonly url: string;
  /** Whether the tokens (and the user directory) are real Keycloak's. */
  readonly keycloak: boolean;
  token(user: DemoUser): string;
  /** A POST gets a fresh Idempotency-Key unless `headers` brings one. */
  call(user: DemoUser | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** `call`, failing the test on anything but a 2xx. */
  ok(user: DemoUser, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Record<string, unknown>>;
  /** Polls `read` until `done` holds (10 s at most). */
  eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T>;
  stop(): Promise<void>;
}

export const userId = (username: string): string => realmFile().users.find((u) => u.username === username)?.id ?? '';

/**
 * The all-in-one app (`switchboard start`) on a database of the test file's own, with real
 * Keycloak tokens and Keycloak's admin API as the user directory when Keycloak runs here (the dev
 * IdP and the realm file otherwise, recorded as a skip).
 */
export async function startOperatorApi(label: string, env: Record<string, string> = {}, users: readonly DemoUser[] = demoUsers): Promise<OperatorApi> {
  const keycloak = testKeycloak(`${label} with Keycloak tokens (dev IdP tokens used instead)`);
  const db: TestDatabase = await createTestDatabase(label);
  const port = await freePort();
  const secrets = realmFile().clients;
  // No demo estate unless a test asks: most build sites named like the demo's (river-park, old-town) themselves.
  const appEnv: Record<string, string> = { DATABASE_URL: db.url, DEMO_DATA: 'true', DEMO_ESTATE: 'false', ...env };
  if (keycloak) {
    await syncRealmFile(keycloak, users);
    Object.assign(appEnv, {
      KEYCLOAK_URL: keycloak.url,
      KEYCLOAK_REALM: keycloak.realm,
      KEYCLOAK_CLIENT_SECRET: secrets.find((c) => c.clientId === 'switchboard-api')?.secret ?? '',
      KEYCLOAK_DIRECTORY_CLIENT_SECRET: secrets.find((c) => c.clientId === 'switchboard-directory')?.secret ?? '',
    });
  } else {
    recordSkip(`${label} with Keycloak tokens`, 'Keycloak unavailable: ran with dev IdP tokens and the realm-file directory');
  }
  const app = startAppProcess({ entry: 'dist/apps/switchboard/src/main.js', args: ['start'], port, env: appEnv });
  await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
  const tokenEndpoint = keycloak
    ? `${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`
    : `${app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`;
  const tokens = {} as Record<DemoUser, string>;
  for (const user of users) tokens[user] = await passwordGrant(tokenEndpoint, 'switchboard-console', user, 'demo');

  const call: OperatorApi['call'] = async (user, method, path, body, headers = {}) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    app,
    url: app.url,
    keycloak: Boolean(keycloak),
    token: (user) => tokens[user],
    call,
    async ok(user, method, path, body, headers) {
      const answer = await call(user, method, path, body, headers);
      if (answer.status >= 300) throw new Error(`${user} ${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    async eventually(read, done) {
      let value = await read();
      for (let i = 0; i < 100 && !done(value); i++) {
        await new Promise((r) => setTimeout(r, 100));
        value = await read();
      }
      return value;
    },
    async stop() {
      try {
        await app.stop();
      } finally {
        // A test that fails while stopping leaves no database behind.
        await db.drop();
      }
    },
  };
}
