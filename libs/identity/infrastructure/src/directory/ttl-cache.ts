/** Milliseconds since some fixed point; injected so tests move time by hand. */
export type Clock = () => number;

export interface TtlCacheOptions {
  readonly ttlMs: number;
  /** Least recently used entries go first once the cache holds this many. */
  readonly maxEntries: number;
  readonly clock?: Clock;
}

interface Entry<V> {
  readonly value: Promise<V>;
  /** Infinity while the value is still loading: a slow load still gets its full TTL once it lands. */
  expiresAt: number;
}

/**
 * An in-memory cache with a time to live and a size bound. Concurrent misses for one key share a
 * single load, and a failed load is never cached, so an outage is retried on the next call.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly clock: Clock;

  constructor(private readonly options: TtlCacheOptions) {
    if (!(options.ttlMs >= 0)) throw new RangeError(`ttlMs must be zero or more, got ${options.ttlMs}`);
    if (!(options.maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, got ${options.maxEntries}`);
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.fresh(key);
    if (hit) return hit.value;
    const entry: Entry<V> = { value: Promise.resolve().then(load), expiresAt: Infinity };
    this.store(key, entry);
    entry.value.then(
      () => {
        entry.expiresAt = this.clock() + this.options.ttlMs;
      },
      () => {
        // Only our own entry: a value set meanwhile (e.g. seeded from a group listing) stays.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  set(key: K, value: V): void {
    this.store(key, { value: Promise.resolve(value), expiresAt: this.clock() + this.options.ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private fresh(key: K): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so Map order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private store(key: K, entry: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size <= this.options.maxEntries) return;
    const now = this.clock();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(k);
    }
  }
}
