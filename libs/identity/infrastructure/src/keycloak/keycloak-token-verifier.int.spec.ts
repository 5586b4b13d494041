import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { ServiceUnavailableException } from '@nestjs/common';
import { InvalidTokenError } from '@switchboard/identity';
import { freePort } from '@switchboard/platform/testing';
import { DevIdentityProvider } from '../dev-idp/dev-identity-provider';
import { readRealmUsers } from '../dev-idp/realm-users';
import { KeycloakTokenVerifier } from './keycloak-token-verifier';

const users = readRealmUsers(resolve(__dirname, '../../../../../deploy/keycloak/switchboard-realm.json'));

/**
 * The verifier against a realm whose JWKS a local HTTP server publishes (the dev IdP's keys), so
 * the realm can be taken down: known keys keep verifying, a key nobody has heard of is a 401 while
 * the realm answers and a 503 only while it does not.
 */
describe('KeycloakTokenVerifier and the realm’s keys', () => {
  let port: number;
  let server: Server | undefined;
  let idp: DevIdentityProvider;
  let certRequests = 0;

  const realmUrl = () => `http://127.0.0.1:${port}/realms/test`;
  const token = (provider = idp) => provider.passwordGrant('hd.user.north', 'demo', 'switchboard-console', Math.floor(Date.now() / 1000))?.access_token ?? '';
  const verifier = () => new KeycloakTokenVerifier({ url: `http://127.0.0.1:${port}`, realm: 'test', clientId: 'switchboard-api' });
  const serve = () =>
    new Promise<void>((done) => {
      server = createServer((request, response) => {
        if (request.url === '/realms/test/protocol/openid-connect/certs') certRequests += 1;
        response
          .writeHead(request.url === '/realms/test/protocol/openid-connect/certs' ? 200 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify(idp.jwks()));
      }).listen(port, '127.0.0.1', () => done());
    });
  const stop = () => new Promise<void>((done) => (server ? server.close(() => done()) : done()));

  beforeAll(async () => {
    port = await freePort();
    idp = new DevIdentityProvider(`http://127.0.0.1:${port}/realms/test`, users);
  });

  beforeEach(async () => {
    certRequests = 0;
    await serve();
  });

  afterEach(async () => {
    await stop();
  });

  it('verifies a token signed with a realm key', async () => {
    expect(await verifier().verify(token())).toMatchObject({ username: 'hd.user.north', roles: ['HelpDeskUser'], departments: ['first-line-north'] });
  });

  it('keeps verifying new tokens signed with a known key while the realm is down', async () => {
    const v = verifier();
    await v.verify(token());
    await stop();
    const another = token();
    expect(await v.verify(another)).toMatchObject({ username: 'hd.user.north' });
  });

  it('answers 503 for a key it never saw while the realm is down, and 401 once the realm says it has no such key', async () => {
    const v = verifier();
    const stranger = new DevIdentityProvider(realmUrl(), users);
    await stop();
    await expect(v.verify(token(stranger))).rejects.toBeInstanceOf(ServiceUnavailableException);
    await serve();
    const later = new KeycloakTokenVerifier({ url: `http://127.0.0.1:${port}`, realm: 'test', clientId: 'switchboard-api' });
    await expect(later.verify(token(stranger))).rejects.toMatchObject({ constructor: InvalidTokenError, message: 'invalid token (unknown signing key)' });
  });

  it('asks the realm once per interval about key ids nobody has heard of', async () => {
    const v = verifier();
    const strangers = Array.from({ length: 3 }, () => new DevIdentityProvider(realmUrl(), users));
    for (const stranger of strangers) await expect(v.verify(token(stranger))).rejects.toBeInstanceOf(InvalidTokenError);
    expect(certRequests).toBe(1);
  });

  it.each([
    ['no key id', { kid: undefined }],
    ['a key set of its own', { jku: 'https://attacker.example/jwks.json' }],
    ['a key of its own', { jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }],
    ['no signature algorithm', { alg: 'none' }],
  ])('refuses a token with %s without asking the realm', async (_, change) => {
    const [head, payload, signature] = token().split('.');
    const header = { ...(JSON.parse(Buffer.from(head, 'base64url').toString()) as object), ...change };
    const forged = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payload}.${signature}`;
    await expect(verifier().verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(certRequests).toBe(0);
  });
});
