import { startOperatorApi } from './testing/operator-api';
import type { OperatorApi } from './testing/operator-api';

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Forged or odd bearer tokens: always a generic 401, never a 503 or an internal message. */
describe('bearer tokens that are not what they claim', () => {
  let api: OperatorApi;
  let header: Record<string, unknown>;
  let rest: string;

  beforeAll(async () => {
    api = await startOperatorApi('api_tokens');
    const [head, payload, signature] = api.token('hd.user.north').split('.');
    header = JSON.parse(Buffer.from(head, 'base64url').toString()) as Record<string, unknown>;
    rest = `${payload}.${signature}`;
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  const withHeader = (change: (h: Record<string, unknown>) => Record<string, unknown>) => `${part(change({ ...header }))}.${rest}`;

  it.each([
    ['without a key id', () => withHeader(({ kid: _, ...h }) => h)],
    ['with a key id the realm never had', () => withHeader((h) => ({ ...h, kid: 'bogus-kid' }))],
    ['pointing at its own key set (jku)', () => withHeader((h) => ({ ...h, jku: 'https://attacker.example/jwks.json' }))],
    ['carrying its own key (jwk)', () => withHeader((h) => ({ ...h, jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }))],
    ['claiming no signature at all', () => withHeader((h) => ({ ...h, alg: 'none' }))],
    ['claiming a shared-secret signature', () => withHeader((h) => ({ ...h, alg: 'HS256' }))],
  ])('answers a token %s with 401 and a generic message', async (_, token) => {
    const response = await fetch(`${api.url}/me`, { headers: { authorization: `Bearer ${token()}` } });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { detail: string };
    expect(body.detail).toMatch(/^Invalid bearer token/);
    expect(body.detail).not.toMatch(/undefined|Cannot read|unreachable|public key|Reason/i);
  });

  it('logs none of them as an error', () => {
    expect(api.app.output()).not.toMatch(/Identity provider unreachable|ERROR/);
  });

  it('still takes the real token', async () => {
    expect((await api.call('hd.user.north', 'GET', '/me')).status).toBe(200);
  });
});
