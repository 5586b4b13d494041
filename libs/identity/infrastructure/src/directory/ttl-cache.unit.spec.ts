import { TtlCache } from './ttl-cache';

function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TtlCache', () => {
  it('reuses a loaded value until its time to live has passed', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, number>({ ttlMs: 60_000, maxEntries: 10, clock: clock.now });
    const load = jest.fn().mockResolvedValueOnce(1).mockResolvedValueOnce(2);

    expect(await cache.getOrLoad('a', load)).toBe(1);
    clock.advance(59_999);
    expect(await cache.getOrLoad('a', load)).toBe(1);
    clock.advance(1);
    expect(await cache.getOrLoad('a', load)).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('counts the time to live from when a slow load finishes, not when it started', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, string>({ ttlMs: 1_000, maxEntries: 10, clock: clock.now });
    const slow = deferred<string>();
    const first = cache.getOrLoad('a', () => slow.promise);
    clock.advance(5_000);
    slow.resolve('loaded');
    await first;
    clock.advance(999);
    expect(await cache.getOrLoad('a', async () => 'reloaded')).toBe('loaded');
  });

  it('shares one load between concurrent misses of the same key', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 1_000, maxEntries: 10, clock: manualClock().now });
    const pending = deferred<string>();
    const load = jest.fn(() => pending.promise);
    const answers = Promise.all([cache.getOrLoad('a', load), cache.getOrLoad('a', load), cache.getOrLoad('a', load)]);
    pending.resolve('one');
    expect(await answers).toEqual(['one', 'one', 'one']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failed load, so the next call asks again', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 60_000, maxEntries: 10, clock: manualClock().now });
    await expect(cache.getOrLoad('a', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('a', async () => 'up')).toBe('up');
  });

  it('keeps a value set while a load of the same key was failing', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 60_000, maxEntries: 10, clock: manualClock().now });
    const failing = deferred<string>();
    const first = cache.getOrLoad('a', () => failing.promise);
    cache.set('a', 'seeded');
    failing.reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    expect(await cache.getOrLoad('a', async () => 'reloaded')).toBe('seeded');
  });

  it('caches an undefined answer like any other', async () => {
    const cache = new TtlCache<string, string | undefined>({ ttlMs: 60_000, maxEntries: 10, clock: manualClock().now });
    const load = jest.fn(async () => undefined);
    await cache.getOrLoad('ghost', load);
    await cache.getOrLoad('ghost', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('evicts the least recently used entry beyond its size bound', async () => {
    const cache = new TtlCache<string, string>({ ttlMs: 60_000, maxEntries: 2, clock: manualClock().now });
    cache.set('a', 'A');
    cache.set('b', 'B');
    await cache.getOrLoad('a', async () => 'A2'); // a is now the most recently used
    cache.set('c', 'C');
    expect(cache.size).toBe(2);
    expect(await cache.getOrLoad('a', async () => 'reloaded')).toBe('A');
    expect(await cache.getOrLoad('b', async () => 'reloaded')).toBe('reloaded');
  });

  it('drops expired entries before live ones when it is full', async () => {
    const clock = manualClock();
    const cache = new TtlCache<string, string>({ ttlMs: 1_000, maxEntries: 2, clock: clock.now });
    cache.set('old', 'O');
    clock.advance(500);
    cache.set('live', 'L');
    clock.advance(600); // old expired, live has 400 ms left
    cache.set('new', 'N');
    expect(cache.size).toBe(2);
    expect(await cache.getOrLoad('live', async () => 'reloaded')).toBe('L');
  });

  it('refuses a size bound below one', () => {
    expect(() => new TtlCache({ ttlMs: 1, maxEntries: 0 })).toThrow('maxEntries must be at least 1');
  });
});
