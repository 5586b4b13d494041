import { readAhead } from './read-ahead';

async function* numbers(count: number, log: string[], failAt?: number): AsyncGenerator<number> {
  try {
    for (let i = 0; i < count; i++) {
      if (i === failAt) throw new Error(`failed at ${i}`);
      log.push(`read ${i}`);
      await new Promise((r) => setImmediate(r));
      yield i;
    }
  } finally {
    log.push('source closed');
  }
}

describe('read ahead', () => {
  it('yields every item in order, in chunks no larger than asked', async () => {
    const out: number[] = [];
    for await (const chunk of readAhead(numbers(10_000, []), 100, 30)) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(30);
      out.push(...chunk);
    }
    expect(out).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('reads ahead of a slow consumer, but no further than its limit', async () => {
    const log: string[] = [];
    const reader = readAhead(numbers(100, log), 5, 1)[Symbol.asyncIterator]();
    await reader.next();
    await new Promise((r) => setTimeout(r, 50));
    expect(log.filter((l) => l.startsWith('read')).length).toBeLessThanOrEqual(7);
    expect(log.filter((l) => l.startsWith('read')).length).toBeGreaterThanOrEqual(5);
    await reader.return(undefined);
    expect(log).toContain('source closed');
  });

  it('hands over the items read before a failure, then the failure', async () => {
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of readAhead(numbers(10, [], 3), 100, 100)) out.push(...chunk);
      })(),
    ).rejects.toThrow('failed at 3');
    expect(out).toEqual([0, 1, 2]);
  });
});
