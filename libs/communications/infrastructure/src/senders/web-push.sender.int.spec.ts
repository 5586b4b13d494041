import { createECDH, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import { generateVAPIDKeys } from 'web-push';
import { PermanentSendError } from '@switchboard/communications';
import { WebPushSender } from './web-push.sender';
import type { PushPayload } from './web-push.sender';

interface PushRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const b64url = (buffer: Buffer): string => buffer.toString('base64url');

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292): ES256 by the key, for this origin, not expired. */
function vapidClaims(authorization: string | undefined, expectedKey: string): Record<string, unknown> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`no VAPID authorization: ${authorization}`);
  const [, token, key] = match;
  if (key !== expectedKey) throw new Error('signed with another application server key');
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  const [header, claims, signature] = token.split('.');
  const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('the VAPID signature does not verify');
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('push communications by Web Push (a local push service that decrypts)', () => {
  const vapid = { ...generateVAPIDKeys(), subject: 'mailto:ops@switchboard.test' };
  const requests: PushRequest[] = [];
  let server: Server;
  let origin: string;
  const sender = new WebPushSender({ vapid, ttlSeconds: 60, timeoutMs: 5_000 });

  // The browser's side of a subscription: its P-256 key pair and auth secret.
  const browserKeys = createECDH('prime256v1');
  browserKeys.generateKeys();
  const authSecret = randomBytes(16);
  const subscription = (path: string): string =>
    JSON.stringify({ endpoint: `${origin}${path}`, keys: { p256dh: b64url(browserKeys.getPublicKey()), auth: b64url(authSecret) } });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        if (request.url?.startsWith('/gone')) return void response.writeHead(410).end();
        if (request.url?.startsWith('/unknown')) return void response.writeHead(404).end();
        if (request.url?.startsWith('/busy')) return void response.writeHead(503).end();
        response.writeHead(201, { location: `${origin}/messages/${requests.length}` }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const communication = (address: string, text: string) => ({ communicationId: randomUUID(), channel: 'push' as const, address, message: { text } });

  it('posts a VAPID-signed, aes128gcm-encrypted message that the subscription’s key decrypts to the text', async () => {
    const outgoing = communication(subscription('/push/abc'), 'Плановые работы 12.12 с 02:00 до 04:00 — interruptions possible');
    const sent = await sender.send(outgoing);
    const request = requests.at(-1);
    expect(request?.path).toBe('/push/abc');
    expect(request?.headers['content-encoding']).toBe('aes128gcm');
    expect(request?.headers.ttl).toBe('60');
    const claims = vapidClaims(request?.headers.authorization, vapid.publicKey);
    expect(claims.aud).toBe(origin);
    expect(claims.sub).toBe('mailto:ops@switchboard.test');
    expect(Number(claims.exp)).toBeGreaterThan(Date.now() / 1000);
    const plain = decrypt(request?.body ?? Buffer.alloc(0), { version: 'aes128gcm', privateKey: browserKeys, authSecret: b64url(authSecret) });
    expect(JSON.parse(plain.toString('utf8'))).toEqual<PushPayload>({ communicationId: outgoing.communicationId, text: outgoing.message.text });
    expect(sent.providerMessageId).toBe(`${origin}/messages/${requests.length}`);
  });

  it('does not decrypt with another browser’s key', async () => {
    await sender.send(communication(subscription('/push/abc'), 'secret'));
    const stranger = createECDH('prime256v1');
    stranger.generateKeys();
    expect(() => decrypt(requests.at(-1)?.body ?? Buffer.alloc(0), { version: 'aes128gcm', privateKey: stranger, authSecret: b64url(authSecret) })).toThrow();
  });

  it.each([
    ['410 Gone', '/gone/1'],
    ['404 Not Found', '/unknown/1'],
  ])('fails permanently when the push service answers %s (the subscription is gone)', async (_, path) => {
    const error = await sender.send(communication(subscription(path), 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).reason).toMatch(/^push subscription gone \((404|410)\)$/);
  });

  it('leaves a 503 to be retried', async () => {
    const error = await sender.send(communication(subscription('/busy/1'), 'Hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
  });

  it('refuses an address that is not a subscription', async () => {
    await expect(sender.send(communication('{"endpoint":"nope"}', 'Hello'))).rejects.toBeInstanceOf(PermanentSendError);
  });
});
