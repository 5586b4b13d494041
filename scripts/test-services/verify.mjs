#!/usr/bin/env node
// Smoke-checks the services started by provision.sh against deploy/keycloak/switchboard-realm.json:
//  - every demo user gets a token by direct grant (client switchboard-console) carrying sub, preferred_username,
//    email, realm_access.roles and groups (full paths) exactly as the realm file defines them;
//  - client-credentials tokens for switchboard-esb and switchboard-directory;
//  - the directory service account reads users (incl. the managerId attribute) and groups via the admin API;
//  - realm settings (token lifespans, required actions) and ClickHouse `SELECT version()`.
// Usage: node scripts/test-services/verify.mjs   (reads $SWITCHBOARD_SERVICES_DIR/services.env; exit 1 on failure)
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const servicesDir = process.env.SWITCHBOARD_SERVICES_DIR ?? '/tmp/switchboard-services';
const env = { ...parseEnv(join(servicesDir, 'services.env')), ...process.env };
const realm = JSON.parse(readFileSync(join(here, '../../deploy/keycloak/switchboard-realm.json'), 'utf8'));

let failures = 0;
const check = (ok, what, detail = '') => {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? ` — ${detail}` : ''}`);
};

function parseEnv(file) {
  if (!existsSync(file)) return {};
  const out = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return out;
}

const decode = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const sameSet = (a, b) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

async function token(params) {
  const res = await fetch(`${env.KEYCLOAK_URL}/realms/${env.KEYCLOAK_REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function adminGet(path, bearer) {
  const res = await fetch(`${env.KEYCLOAK_URL}/admin/realms/${env.KEYCLOAK_REALM}${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

async function verifyClickHouse() {
  const url = env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
  try {
    const res = await fetch(`${url}/`, { method: 'POST', body: 'SELECT version()' });
    const text = (await res.text()).trim();
    check(res.ok && /^\d+\.\d+/.test(text), `clickhouse ${url} SELECT version() = ${text}`, text);
  } catch (e) {
    check(false, `clickhouse ${url}`, String(e));
  }
}

async function verifyKeycloak() {
  if (env.KEYCLOAK_UNAVAILABLE) {
    console.log(`SKIP keycloak: ${env.KEYCLOAK_UNAVAILABLE}`);
    return;
  }
  const secrets = Object.fromEntries(realm.clients.filter((c) => c.secret).map((c) => [c.clientId, c.secret]));
  const people = realm.users.filter((u) => !u.serviceAccountClientId);
  const appRoles = new Set(realm.roles.realm.map((r) => r.name));

  for (const u of people) {
    try {
      const t = await token({ grant_type: 'password', client_id: 'switchboard-console', username: u.username, password: 'demo', scope: 'openid' });
      const c = decode(t.access_token);
      const roles = (c.realm_access?.roles ?? []).filter((r) => appRoles.has(r));
      const expectedRoles = u.realmRoles.filter((r) => appRoles.has(r));
      const problems = [];
      if (c.sub !== u.id) problems.push(`sub ${c.sub} != ${u.id}`);
      if (c.preferred_username !== u.username) problems.push(`preferred_username ${c.preferred_username}`);
      if (c.email !== u.email) problems.push(`email ${c.email}`);
      if (!sameSet(roles, expectedRoles)) problems.push(`roles ${JSON.stringify(roles)} != ${JSON.stringify(expectedRoles)}`);
      if (!sameSet(c.groups ?? [], u.groups)) problems.push(`groups ${JSON.stringify(c.groups)} != ${JSON.stringify(u.groups)}`);
      if (![c.aud].flat().includes('switchboard-api')) problems.push(`aud ${JSON.stringify(c.aud)} lacks switchboard-api`);
      if (c.iss !== env.KEYCLOAK_ISSUER) problems.push(`iss ${c.iss} != ${env.KEYCLOAK_ISSUER}`);
      check(
        problems.length === 0,
        `token ${u.username.padEnd(19)} sub=${c.sub} roles=${roles.join(',') || '-'} groups=${(c.groups ?? []).join(',') || '-'} email=${c.email} exp-iat=${c.exp - c.iat}s refresh=${t.refresh_expires_in}s`,
        problems.join('; '),
      );
    } catch (e) {
      check(false, `token ${u.username}`, String(e));
    }
  }

  // login with email instead of username
  try {
    const u = people[1];
    const c = decode((await token({ grant_type: 'password', client_id: 'switchboard-console', username: u.email, password: 'demo' })).access_token);
    check(c.sub === u.id, `login with email ${u.email}`);
  } catch (e) {
    check(false, 'login with email', String(e));
  }

  let directory;
  for (const clientId of ['switchboard-esb', 'switchboard-directory']) {
    try {
      const t = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: secrets[clientId] });
      const c = decode(t.access_token);
      check(
        c.azp === clientId && c.preferred_username === `service-account-${clientId}`,
        `client credentials ${clientId}: sub=${c.sub} preferred_username=${c.preferred_username} aud=${JSON.stringify(c.aud)}`,
      );
      if (clientId === 'switchboard-directory') directory = t.access_token;
    } catch (e) {
      check(false, `client credentials ${clientId}`, String(e));
    }
  }

  if (directory) {
    for (const u of people) {
      const r = await adminGet(`/users/${u.id}`, directory);
      const want = u.attributes?.managerId?.[0];
      const got = r.body?.attributes?.managerId?.[0];
      check(
        r.status === 200 && got === want,
        `directory GET /users/${u.username}: managerId=${got ?? '-'} email=${r.body?.email}`,
        `status ${r.status}, want managerId ${want}`,
      );
    }
    const g = await adminGet('/groups?briefRepresentation=false&populateHierarchy=true', directory);
    const paths = g.status === 200 ? g.body.flatMap((p) => [p.path]) : [];
    check(g.status === 200 && sameSet(paths, ['/departments', '/work-groups']), `directory GET /groups: ${paths.join(', ')}`, `status ${g.status}`);
    for (const parent of realm.groups) {
      for (const sg of parent.subGroups) {
        const m = await adminGet(`/groups/${sg.id}/members`, directory);
        const names = m.status === 200 ? m.body.map((x) => x.username) : [];
        const want = people.filter((u) => u.groups.includes(sg.path)).map((u) => u.username);
        check(sameSet(names, want), `directory GET /groups/{id}/members of ${sg.path}: ${names.join(', ')}`, `status ${m.status}, want ${want.join(', ')}`);
      }
    }
    const del = await fetch(`${env.KEYCLOAK_URL}/admin/realms/${env.KEYCLOAK_REALM}/users/${people[0].id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${directory}` },
    });
    check(del.status === 403, `directory token cannot delete users (HTTP ${del.status})`);
  }

  // realm settings, read with the master-realm bootstrap admin
  try {
    const res = await fetch(`${env.KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'admin-cli',
        username: env.KEYCLOAK_ADMIN_USERNAME ?? 'admin',
        password: env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
      }),
    });
    const admin = (await res.json()).access_token;
    const r = (await adminGet('', admin)).body;
    check(
      r.accessTokenLifespan < 86400 && r.ssoSessionIdleTimeout === 129600 && r.ssoSessionMaxLifespan === 129600 && r.loginWithEmailAllowed,
      `realm settings: accessTokenLifespan=${r.accessTokenLifespan} ssoSessionIdle=${r.ssoSessionIdleTimeout} ssoSessionMax=${r.ssoSessionMaxLifespan} offlineIdle=${r.offlineSessionIdleTimeout} loginWithEmail=${r.loginWithEmailAllowed}`,
    );
    const actions = (await adminGet('/authentication/required-actions', admin)).body;
    const enabled = (alias) => actions.find((a) => a.alias === alias)?.enabled === true;
    check(enabled('CONFIGURE_TOTP') && enabled('VERIFY_EMAIL'), 'required actions CONFIGURE_TOTP and VERIFY_EMAIL enabled');
  } catch (e) {
    check(false, 'realm settings via admin API', String(e));
  }
}

await verifyClickHouse();
await verifyKeycloak();
console.log(failures ? `${failures} check(s) FAILED` : 'all checks passed');
process.exit(failures ? 1 : 0);
