import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { redisUrl } from '../testing/customers-test-kit';
import { RedisLegacyHitsCache } from './redis-legacy-hits.cache';

const record = { legacyId: 42, fullName: 'Petrov Ivan Sergeevich', phone: '8 (916) 123-45-67', email: 'ivan@example.com' };

describe('legacy hits in Redis', () => {
  const prefix = `test:customers:cache:${process.pid}:${randomBytes(4).toString('hex')}:`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('keeps search snapshots and shown clients under its prefix, for the TTL', async () => {
    const cache = new RedisLegacyHitsCache(redis, { keyPrefix: prefix, ttlSeconds: 30 });

    await cache.putSearch('ivan petrov', { clients: [record], truncated: false });
    await cache.putClients([record]);

    expect(await cache.getSearch('ivan petrov')).toEqual({ clients: [record], truncated: false });
    expect(await cache.getClient(42)).toEqual(record);
    expect(await cache.getSearch('ivan sidorov')).toBeUndefined();
    const keys = (await redis.keys(`${prefix}*`)).sort();
    expect(keys).toEqual([cache.clientKey(42), cache.searchKey('ivan petrov')].sort());
    for (const key of keys) expect(await redis.ttl(key)).toBeGreaterThan(25);
  });

  it('forgets entries when the TTL runs out', async () => {
    const cache = new RedisLegacyHitsCache(redis, { keyPrefix: `${prefix}short:`, ttlSeconds: 1 });
    await cache.putClients([record]);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await cache.getClient(42)).toBeUndefined();
  });

  it('reads as a miss, quickly, when Redis cannot be reached', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    down.on('error', () => undefined);
    const warnings: string[] = [];
    const cache = new RedisLegacyHitsCache(down, { keyPrefix: prefix, operationTimeoutMs: 200, logger: { warn: (m) => warnings.push(m) } });
    const started = performance.now();

    expect(await cache.getSearch('ivan petrov')).toBeUndefined();
    await expect(cache.putClients([record])).resolves.toBeUndefined();

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(warnings).toEqual([expect.stringContaining('read failed, treated as a miss'), expect.stringContaining('write failed, treated as a miss')]);
    down.disconnect();
  });
});
