import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordSkip } from './skip';

export interface TestKeycloak {
  readonly url: string;
  readonly realm: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
}

/**
 * The Keycloak the provisioning script started, or undefined with the reason recorded as a loud skip
 * (Maven Central may refuse the distribution on some machines).
 */
export function testKeycloak(suite: string): TestKeycloak | undefined {
  const unavailable = process.env.KEYCLOAK_UNAVAILABLE;
  const url = process.env.KEYCLOAK_URL;
  if (unavailable || !url) {
    recordSkip(suite, unavailable ? `Keycloak unavailable: ${unavailable}` : 'KEYCLOAK_URL not set: run scripts/test-services/provision.sh');
    return undefined;
  }
  return {
    url,
    realm: process.env.KEYCLOAK_REALM ?? 'switchboard',
    adminUsername: process.env.KEYCLOAK_ADMIN_USERNAME ?? 'admin',
    adminPassword: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
  };
}

export async function passwordGrant(tokenEndpoint: string, clientId: string, username: string, password: string): Promise<string> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`token for ${username} refused: ${response.status} ${body.error_description ?? ''}`);
  return body.access_token;
}

/** The shipped realm file: the demo users' ids, roles, groups, and the dev client secrets. */
export function realmFile(): {
  users: { id?: string; username: string; email?: string; realmRoles?: string[]; groups?: string[]; credentials?: { value: string }[] }[];
  clients: { clientId: string; secret?: string }[];
} {
  return JSON.parse(readFileSync(resolve(__dirname, '../../../../deploy/keycloak/switchboard-realm.json'), 'utf8'));
}

interface RealmGroup {
  name: string;
  path: string;
  attributes?: Record<string, string[]>;
  subGroups?: RealmGroup[];
}

interface RealmFileUser {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  realmRoles?: string[];
  groups?: string[];
  credentials?: { value: string }[];
}

/**
 * Adds to the running Keycloak the realm roles, groups and users of the shipped realm file it does
 * not have yet (a Keycloak started from an older realm file, shared with other work); what exists
 * is left as it is. A no-op on a Keycloak provisioned from the current file.
 */
export async function syncRealmFile(keycloak: TestKeycloak, usernames?: readonly string[]): Promise<void> {
  const token = await passwordGrant(`${keycloak.url}/realms/master/protocol/openid-connect/token`, 'admin-cli', keycloak.adminUsername, keycloak.adminPassword);
  const admin = `${keycloak.url}/admin/realms/${keycloak.realm}`;
  const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${admin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const must = async (response: Response, what: string): Promise<Response> => {
    if (!response.ok && response.status !== 409) throw new Error(`Keycloak ${what}: ${response.status} ${await response.text()}`);
    return response;
  };
  const realm = JSON.parse(readFileSync(resolve(__dirname, '../../../../deploy/keycloak/switchboard-realm.json'), 'utf8')) as {
    roles: { realm: { name: string; description?: string }[] };
    groups: RealmGroup[];
    users: RealmFileUser[];
  };

  for (const role of realm.roles.realm) {
    if ((await call('GET', `/roles/${encodeURIComponent(role.name)}`)).status === 404) {
      await must(await call('POST', '/roles', { name: role.name, description: role.description ?? '' }), `role ${role.name}`);
    }
  }
  const groupId = async (path: string): Promise<string | undefined> => {
    const response = await call('GET', `/group-by-path${path.split('/').map(encodeURIComponent).join('/')}`);
    return response.ok ? ((await response.json()) as { id: string }).id : undefined;
  };
  const ensureGroup = async (group: RealmGroup, parentId?: string): Promise<void> => {
    let id = await groupId(group.path);
    if (!id) {
      await must(
        await call('POST', parentId ? `/groups/${parentId}/children` : '/groups', { name: group.name, attributes: group.attributes ?? {} }),
        `group ${group.path}`,
      );
      id = await groupId(group.path);
    }
    for (const child of group.subGroups ?? []) await ensureGroup(child, id);
  };
  for (const group of realm.groups) await ensureGroup(group);

  for (const user of realm.users.filter((u) => !u.username.startsWith('service-account-') && (!usernames || usernames.includes(u.username)))) {
    const found = (await (await call('GET', `/users?exact=true&username=${encodeURIComponent(user.username)}`)).json()) as { id: string }[];
    if (found.length > 0) continue;
    await must(
      await call('POST', '/users', {
        username: user.username,
        enabled: true,
        email: user.email,
        emailVerified: true,
        firstName: user.firstName,
        lastName: user.lastName,
        credentials: (user.credentials ?? []).map((c) => ({ type: 'password', value: c.value, temporary: false })),
      }),
      `user ${user.username}`,
    );
    const [created] = (await (await call('GET', `/users?exact=true&username=${encodeURIComponent(user.username)}`)).json()) as { id: string }[];
    const roles = [];
    for (const name of (user.realmRoles ?? []).filter((r) => !r.startsWith('default-roles-'))) {
      roles.push(await (await call('GET', `/roles/${encodeURIComponent(name)}`)).json());
    }
    if (roles.length > 0) await must(await call('POST', `/users/${created.id}/role-mappings/realm`, roles), `roles of ${user.username}`);
    for (const path of user.groups ?? []) {
      const id = await groupId(path);
      if (id) await must(await call('PUT', `/users/${created.id}/groups/${id}`), `groups of ${user.username}`);
    }
  }
}
