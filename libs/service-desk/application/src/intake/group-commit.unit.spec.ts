import { GroupCommit } from './group-commit';

interface Item {
  readonly key: string;
  readonly n: number;
}

/** A batch runner whose batches finish when the test says so. */
function manualRunner() {
  const batches: { items: readonly Item[]; finish(fail?: unknown): void }[] = [];
  const run = (items: readonly Item[]) =>
    new Promise<PromiseSettledResult<number>[]>((resolve, reject) => {
      batches.push({
        items,
        finish: (fail?: unknown) => (fail ? reject(fail) : resolve(items.map((i) => ({ status: 'fulfilled', value: i.n * 10 })))),
      });
    });
  return { batches, run };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('sends a lone item at once', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit<Item, number>({ maxBatch: 10, maxInFlight: 1, keyOf: (i) => i.key, run: runner.run });
    const result = commit.submit({ key: 'a', n: 1 });
    expect(runner.batches.map((b) => b.items)).toEqual([[{ key: 'a', n: 1 }]]);
    runner.batches[0].finish();
    await expect(result).resolves.toBe(10);
  });

  it('gathers what arrives while a batch runs into the next batch, up to the maximum', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit<Item, number>({ maxBatch: 3, maxInFlight: 1, keyOf: (i) => i.key, run: runner.run });
    const results = [1, 2, 3, 4, 5, 6].map((n) => commit.submit({ key: `k${n}`, n }));
    expect(runner.batches).toHaveLength(1);
    runner.batches[0].finish();
    await flush();
    expect(runner.batches[1].items.map((i) => i.n)).toEqual([2, 3, 4]);
    runner.batches[1].finish();
    await flush();
    expect(runner.batches[2].items.map((i) => i.n)).toEqual([5, 6]);
    runner.batches[2].finish();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('never runs one key in two batches at once, and keeps each key’s order', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit<Item, number>({ maxBatch: 10, maxInFlight: 2, keyOf: (i) => i.key, run: runner.run });
    void commit.submit({ key: 'a', n: 1 });
    // Second slot free, but "a" is in flight: a2 and a3 wait; b1 goes.
    void commit.submit({ key: 'a', n: 2 });
    void commit.submit({ key: 'b', n: 3 });
    void commit.submit({ key: 'a', n: 4 });
    expect(runner.batches.map((b) => b.items.map((i) => i.n))).toEqual([[1], [3]]);
    runner.batches[0].finish();
    await flush();
    expect(runner.batches[2].items.map((i) => i.n)).toEqual([2, 4]);
  });

  it('holds a key back behind its own earlier item when the batch is full', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit<Item, number>({ maxBatch: 2, maxInFlight: 1, keyOf: (i) => i.key, run: runner.run });
    void commit.submit({ key: 'x', n: 0 });
    for (const [key, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['c', 4],
    ] as const)
      void commit.submit({ key, n });
    runner.batches[0].finish();
    await flush();
    expect(runner.batches[1].items.map((i) => i.n)).toEqual([1, 2]);
    runner.batches[1].finish();
    await flush();
    expect(runner.batches[2].items.map((i) => i.n)).toEqual([3, 4]);
  });

  it('fails every item of a batch whose run throws, and goes on with the next', async () => {
    const runner = manualRunner();
    const commit = new GroupCommit<Item, number>({ maxBatch: 10, maxInFlight: 1, keyOf: (i) => i.key, run: runner.run });
    const first = commit.submit({ key: 'a', n: 1 });
    const second = commit.submit({ key: 'b', n: 2 });
    runner.batches[0].finish(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await flush();
    runner.batches[1].finish();
    await expect(second).resolves.toBe(20);
  });

  it('settles each item with its own outcome', async () => {
    const commit = new GroupCommit<Item, number>({
      maxBatch: 10,
      maxInFlight: 1,
      keyOf: (i) => i.key,
      run: async (items) => items.map((i) => (i.n === 2 ? { status: 'rejected', reason: new Error('poison') } : { status: 'fulfilled', value: i.n })),
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => commit.submit({ key: `k${n}`, n })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
