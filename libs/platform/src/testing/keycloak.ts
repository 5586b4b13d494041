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
  users: { id?: string; username: string; realmRoles?: string[]; groups?: string[]; credentials?: { value: string }[] }[];
  clients: { clientId: string; secret?: string }[];
} {
  return JSON.parse(readFileSync(resolve(__dirname, '../../../../deploy/keycloak/switchboard-realm.json'), 'utf8'));
}
