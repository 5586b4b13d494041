import { createHmac } from 'node:crypto';
import {
  apiKeyCredentialsFrom,
  hashApiKeySecret,
  newApiKeyId,
  newApiKeySecret,
  signWebhookPayload,
  verifyApiKeySecret,
  verifyWebhookSignature,
} from './api-key-secrets';
import { ApiKeys } from './api-keys.service';
import type { ApiKey, ApiKeyStore, RateWindow, StoredApiKey } from './api-keys.port';

const cheap = { N: 1024, r: 8, p: 1, keyLength: 32 };

/** A store in memory: enough for the service's own rules (rotation grace, revocation). */
class MemoryStore implements ApiKeyStore {
  readonly keys = new Map<string, StoredApiKey>();
  async insert(key: StoredApiKey) {
    this.keys.set(key.id, key);
  }
  async list(): Promise<ApiKey[]> {
    return [...this.keys.values()];
  }
  async find(id: string) {
    return this.keys.get(id);
  }
  async rotate(id: string, secretHash: string, at: Date, until?: Date) {
    const key = this.keys.get(id);
    if (!key || key.status !== 'active') return false;
    this.keys.set(id, {
      ...key,
      secretHash,
      rotatedAt: at.toISOString(),
      previousSecretHash: until ? key.secretHash : undefined,
      previousSecretValidUntil: until?.toISOString(),
    });
    return true;
  }
  async revoke(id: string, by: string, at: Date) {
    const key = this.keys.get(id);
    if (!key) return false;
    this.keys.set(id, { ...key, status: 'revoked', revokedBy: by, revokedAt: at.toISOString() });
    return true;
  }
  async countRequest(): Promise<RateWindow> {
    throw new Error('not used');
  }
}

describe('API key secrets', () => {
  it('stores scrypt with its parameters and a salt of its own, and verifies only the same secret', async () => {
    const secret = newApiKeySecret();
    const a = await hashApiKeySecret(secret, cheap);
    const b = await hashApiKeySecret(secret, cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain(secret);
    expect(await verifyApiKeySecret(secret, a)).toBe(true);
    expect(await verifyApiKeySecret(secret, b)).toBe(true);
    expect(await verifyApiKeySecret(`${secret}x`, a)).toBe(false);
    expect(await verifyApiKeySecret(newApiKeySecret(), a)).toBe(false);
  });

  it('verifies with the parameters stored beside the hash, so old keys survive a cost increase', async () => {
    const secret = newApiKeySecret();
    const stored = await hashApiKeySecret(secret, { N: 2048, r: 4, p: 1, keyLength: 24 });
    expect(await verifyApiKeySecret(secret, stored)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$0$8$1$AAAA$AAAA', 'scrypt$1000$8$1$AAAA$AAAA', 'bcrypt$1$2$3$4$5', 'scrypt$1024$8$1$AAAA$']) {
      expect(await verifyApiKeySecret('whatever-secret-value', stored)).toBe(false);
    }
  });

  it('reads `ApiKey <id>:<secret>` and nothing else', () => {
    const id = newApiKeyId();
    const secret = newApiKeySecret();
    expect(apiKeyCredentialsFrom(`ApiKey ${id}:${secret}`)).toEqual({ keyId: id, secret });
    expect(apiKeyCredentialsFrom(`apikey ${id}:${secret}`)).toEqual({ keyId: id, secret });
    for (const header of [undefined, '', `Bearer ${secret}`, `ApiKey ${id}`, `ApiKey ${id}:`, `ApiKey other:${secret}`, `Basic ${id}:${secret}`]) {
      expect(apiKeyCredentialsFrom(header)).toBeUndefined();
    }
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1","type":"CommunicationSent"}';

  it('is HMAC-SHA256 over "<t>.<raw body>" in hex, with the timestamp beside it', () => {
    const expected = createHmac('sha256', secret).update(`1765065600.${body}`).digest('hex');
    expect(signWebhookPayload(secret, body, 1765065600)).toBe(`t=1765065600,v1=${expected}`);
  });

  it('verifies a fresh signature and refuses another body, another secret or an old timestamp', () => {
    const header = signWebhookPayload(secret, body, 1_000_000);
    expect(verifyWebhookSignature(secret, body, header, 1_000_010)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, header, 1_000_010)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', body, header, 1_000_010)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, 1_000_000 + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, body, 't=1000000,v1=zz', 1_000_000)).toBe(false);
  });
});

describe('API keys', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const draft = { name: 'Billing', scopes: ['communications:write' as const], departments: ['first-line-north'], rateLimitPerMinute: 5 };

  it('shows the secret once and stores only its hash', async () => {
    const store = new MemoryStore();
    const { key, secret } = await new ApiKeys(store).issue(draft, 'comms.admin', now);
    expect(key).not.toHaveProperty('secretHash');
    expect(JSON.stringify([...store.keys.values()])).not.toContain(secret);
    expect(await new ApiKeys(store).authenticate({ keyId: key.id, secret }, now)).toMatchObject({ id: key.id, name: 'Billing' });
    expect(await new ApiKeys(store).authenticate({ keyId: key.id, secret: newApiKeySecret() }, now)).toBeUndefined();
  });

  it('keeps the old secret for the grace period of a rotation, and refuses it after', async () => {
    const keys = new ApiKeys(new MemoryStore());
    const { key, secret: old } = await keys.issue(draft, 'comms.admin', now);
    const { secret } = await keys.rotate(key.id, 60, now);
    expect(await keys.authenticate({ keyId: key.id, secret }, now)).toBeDefined();
    expect(await keys.authenticate({ keyId: key.id, secret: old }, new Date(now.getTime() + 59_000))).toBeDefined();
    expect(await keys.authenticate({ keyId: key.id, secret: old }, new Date(now.getTime() + 61_000))).toBeUndefined();
  });

  it('refuses the old secret at once after a rotation without grace, even one it had just verified', async () => {
    const keys = new ApiKeys(new MemoryStore());
    const { key, secret: old } = await keys.issue(draft, 'comms.admin', now);
    expect(await keys.authenticate({ keyId: key.id, secret: old }, now)).toBeDefined();
    await keys.rotate(key.id, 0, now);
    expect(await keys.authenticate({ keyId: key.id, secret: old }, now)).toBeUndefined();
  });

  it('refuses a revoked key whatever its secret', async () => {
    const keys = new ApiKeys(new MemoryStore());
    const { key, secret } = await keys.issue(draft, 'comms.admin', now);
    expect(await keys.authenticate({ keyId: key.id, secret }, now)).toBeDefined();
    expect(await keys.revoke(key.id, 'comms.admin', now)).toMatchObject({ status: 'revoked', revokedBy: 'comms.admin' });
    expect(await keys.authenticate({ keyId: key.id, secret }, now)).toBeUndefined();
  });
});
