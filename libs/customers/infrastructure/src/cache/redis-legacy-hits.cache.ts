import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { LegacyHitsCache, LegacySearchSnapshot } from '@switchboard/customers';
import type { LegacyClientRecord } from '@switchboard/customers/domain';
import { errorMessage } from '@switchboard/kernel';

export interface RedisLegacyHitsCacheOptions {
  /** Prepended to every key, so apps (and test runs) sharing a Redis do not collide. */
  readonly keyPrefix?: string;
  /** LEGACY_CACHE_TTL_SECONDS: how long a legacy hit is served from the cache. */
  readonly ttlSeconds?: number;
  /** A slow Redis is a miss after this long; a search never waits on its cache. */
  readonly operationTimeoutMs?: number;
  /** Where failures are reported; a Nest logger by default. */
  readonly logger?: { warn(message: string): void };
}

class CacheTimeout extends Error {}

/**
 * Legacy-only search hits in Redis (ioredis): one key per search (`<prefix>search:<sha256 of the
 * query>`) and one per shown record (`<prefix>client:<client_no>`), JSON, with a TTL. Failures are
 * logged and read as misses.
 */
export class RedisLegacyHitsCache implements LegacyHitsCache {
  private readonly logger: { warn(message: string): void };
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly operationTimeoutMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisLegacyHitsCacheOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? 'switchboard:customers:legacy:';
    this.ttlSeconds = options.ttlSeconds ?? 300;
    this.operationTimeoutMs = options.operationTimeoutMs ?? 250;
    this.logger = options.logger ?? new Logger('LegacyHitsCache');
  }

  searchKey(queryKey: string): string {
    return `${this.prefix}search:${createHash('sha256').update(queryKey).digest('hex')}`;
  }

  clientKey(legacyId: number): string {
    return `${this.prefix}client:${legacyId}`;
  }

  async getSearch(queryKey: string): Promise<LegacySearchSnapshot | undefined> {
    return this.read<LegacySearchSnapshot>(this.searchKey(queryKey));
  }

  async putSearch(queryKey: string, snapshot: LegacySearchSnapshot): Promise<void> {
    await this.guard('write', () => this.redis.set(this.searchKey(queryKey), JSON.stringify(snapshot), 'EX', this.ttlSeconds));
  }

  async getClient(legacyId: number): Promise<LegacyClientRecord | undefined> {
    return this.read<LegacyClientRecord>(this.clientKey(legacyId));
  }

  async putClients(clients: readonly LegacyClientRecord[]): Promise<void> {
    if (clients.length === 0) return;
    await this.guard('write', () => {
      const batch = this.redis.multi();
      for (const c of clients) batch.set(this.clientKey(c.legacyId), JSON.stringify(c), 'EX', this.ttlSeconds);
      return batch.exec();
    });
  }

  private async read<T>(key: string): Promise<T | undefined> {
    const raw = await this.guard('read', () => this.redis.get(key));
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      this.logger.warn(`unreadable cache entry ${key}: ignored`);
      return undefined;
    }
  }

  private async guard<T>(what: 'read' | 'write', operation: () => Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const work = Promise.resolve().then(operation);
    work.catch(() => undefined);
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, fail) => {
          timer = setTimeout(() => fail(new CacheTimeout(`no answer within ${this.operationTimeoutMs} ms`)), this.operationTimeoutMs);
        }),
      ]);
    } catch (error) {
      this.logger.warn(`legacy hits cache ${what} failed, treated as a miss: ${errorMessage(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
