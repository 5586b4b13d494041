import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent, Subscription } from '@switchboard/eventstore';
import { ProcessorHost } from '@switchboard/eventstore/processing';
import type { ProcessorHostOptions } from '@switchboard/eventstore/processing';
import { appendCounters, counterProjection, counters, eventually, frameworkTestKit } from '../testing/counter-projection';
import type { FrameworkTestKit } from '../testing/counter-projection';
import { readCheckpoint } from './checkpoint-table';
import type { Projection } from './projection';
import { readModelProcessor } from './read-model-processor';
import type { ReadModelProcessorOptions } from './read-model-processor';

type RunnerOptions = Pick<ReadModelProcessorOptions, 'batch' | 'failure'> &
  Pick<ProcessorHostOptions, 'beforeCheckpoint'> & {
    onCommitted?: (projection: string, events: number) => void;
  };

/** One read-model projection on its own processor host, as the projector runs it. */
interface Runner {
  readonly host: ProcessorHost;
  readonly state: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const streams = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `counter-${prefix}${String(i).padStart(2, '0')}`);
const sumTo = (n: number): number => (n * (n + 1)) / 2;

describe('read-model projections on the processing backbone', () => {
  let kit: FrameworkTestKit;
  const runners: Runner[] = [];

  const runner = (projection: Projection, options: RunnerOptions = {}, store: EventStore = kit.store): Runner => {
    const host = new ProcessorHost({
      pool: kit.pool,
      store,
      identity: 'test',
      standbyRetryMs: 50,
      beforeCheckpoint: options.beforeCheckpoint,
      observer: { batchCommitted: (processor, events) => options.onCommitted?.(processor, events) },
    });
    host.register(readModelProcessor(projection, { pool: kit.pool, store, batch: options.batch, failure: options.failure }));
    const r: Runner = {
      host,
      get state() {
        return host.health()[0].state;
      },
      start: async () => {
        host.start();
        await eventually(
          () => host.health()[0].state,
          (s) => s !== 'standby' && s !== 'starting',
          `${projection.name} to start`,
        );
      },
      stop: () => host.stop(),
    };
    runners.push(r);
    return r;
  };

  const caughtUp = (position: string) =>
    eventually(
      () => readCheckpoint(kit.pool, 'counter'),
      (row) => row?.position === position,
      `the counter checkpoint to reach ${position}`,
    );

  beforeEach(async () => {
    kit = await frameworkTestKit('rm_runner');
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await kit.close();
  });

  it('applies events in batches, each in one transaction with its checkpoint', async () => {
    const committed: number[] = [];
    const last = await appendCounters(kit.store, streams('a', 30), 40);
    await runner(counterProjection(), { batch: { maxEvents: 500 }, onCommitted: (_p, n) => committed.push(n) }).start();

    const row = await caughtUp(last);
    expect(row?.eventsApplied).toBe(1200);
    expect(Math.max(...committed)).toBeLessThanOrEqual(500);
    expect(committed.reduce((a, b) => a + b, 0)).toBe(1200);
    expect(committed.length).toBeLessThan(20);
    const totals = await counters(kit.pool);
    expect(Object.values(totals).every((t) => t.total === sumTo(40) && t.events === 40)).toBe(true);
  });

  it('treats a replayed batch as a no-op: rows remember the last stream revision applied', async () => {
    const names = streams('b', 5);
    await appendCounters(kit.store, names, 10);
    const middle = (await kit.store.append(names[0], [{ id: randomUUID(), type: 'Added', data: { amount: 0 } }])).position;
    const last = await appendCounters(kit.store, names, 10);
    const first = runner(counterProjection());
    await first.start();
    await caughtUp(last);
    const before = await counters(kit.pool);
    await first.stop();

    // Replay from the start and from the middle, as a crash before a checkpoint write would.
    for (const from of [null, middle]) {
      await kit.pool.query('UPDATE processor_checkpoints SET position = $1 WHERE processor = $2', [from, 'counter']);
      const again = runner(counterProjection());
      await again.start();
      await caughtUp(last);
      await again.stop();
      expect(await counters(kit.pool)).toEqual(before);
    }
  });

  it('leaves nothing half-applied when it dies between applying a batch and writing its checkpoint', async () => {
    const last = await appendCounters(kit.store, streams('c', 4), 25);
    let attempts = 0;
    const crashing = runner(counterProjection(), {
      failure: { baseMs: 10 },
      beforeCheckpoint: async () => {
        attempts++;
        throw new Error('process killed');
      },
    });
    await crashing.start();
    await eventually(
      () => attempts,
      (n) => n >= 3,
      'a few failed attempts',
    );
    expect(crashing.state).toBe('retrying');
    await crashing.stop();
    expect(await counters(kit.pool)).toEqual({});
    expect((await readCheckpoint(kit.pool, 'counter'))?.position).toBeUndefined();

    // The next process resumes from the checkpoint and applies each event exactly once.
    await runner(counterProjection()).start();
    await caughtUp(last);
    const totals = await counters(kit.pool);
    expect(Object.keys(totals)).toHaveLength(4);
    expect(Object.values(totals).every((t) => t.total === sumTo(25) && t.events === 25)).toBe(true);
  });

  it('rolls a batch back whole when one event in it fails, and never skips that event', async () => {
    const names = streams('d', 3);
    const last = await appendCounters(kit.store, names, 10);
    let failures = 0;
    const base = counterProjection();
    const flaky = runner(
      {
        ...base,
        async apply(tx, event) {
          await base.apply(tx, event);
          if (event.streamId === names[1] && event.revision === 5n && failures < 3) {
            failures++;
            throw new Error('constraint violated');
          }
        },
      },
      { failure: { baseMs: 10 }, batch: { maxEvents: 1000 } },
    );
    await flaky.start();
    await caughtUp(last);
    expect(failures).toBe(3);
    expect(flaky.state).toBe('running');
    const totals = await counters(kit.pool);
    expect(Object.values(totals).every((t) => t.total === sumTo(10) && t.events === 10)).toBe(true);
  });

  it('converges whatever the order of arrival across streams, and ignores a stream revision it has already seen', async () => {
    // Stream order holds within a stream; across streams anything goes, and old revisions come again.
    const event = (stream: string, revision: number, amount: number, seq: number): RecordedEvent => ({
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      type: 'Added',
      streamId: stream,
      revision: BigInt(revision),
      position: `1:${seq}`,
      data: { amount },
      metadata: {},
      createdAt: new Date(),
    });
    const deliveries = [
      event('counter-y', 0, 10, 1),
      event('counter-x', 0, 1, 2),
      event('counter-y', 1, 20, 3),
      event('counter-x', 0, 1, 4), // redelivered
      event('counter-x', 1, 2, 5),
      event('counter-y', 0, 10, 6), // older revision after a newer one
      event('counter-x', 2, 3, 7),
      event('counter-y', 1, 20, 8),
    ];
    const scripted = {
      subscribeToAll: (opts: { from?: string }) =>
        scriptedSubscription(deliveries.filter((e) => opts.from === undefined || Number(e.position.split(':')[1]) > Number(opts.from.split(':')[1]))),
    } as unknown as EventStore;
    const r = runner(counterProjection(), { batch: { maxEvents: 3, maxWaitMs: 5 } }, scripted);
    await r.start();
    await caughtUp('1:8');
    expect(await counters(kit.pool)).toEqual({ 'counter-x': { total: 6, events: 3 }, 'counter-y': { total: 30, events: 2 } });
  });

  it('resubscribes from the stored checkpoint when another process moved it', async () => {
    const names = streams('e', 2);
    const last = await appendCounters(kit.store, names, 5);
    const live = runner(counterProjection(), { batch: { maxWaitMs: 5 } });
    await live.start();
    await caughtUp(last);
    // Another process (a rebuild's swap) moves the checkpoint back and empties the table.
    await kit.pool.query('BEGIN; DELETE FROM fx_counters; UPDATE processor_checkpoints SET position = NULL WHERE processor = $$counter$$; COMMIT');
    const next = await appendCounters(kit.store, names, 1);
    await caughtUp(next);
    const totals = await counters(kit.pool);
    // Everything again from the start: 1..5 then 1 more per stream.
    expect(Object.values(totals).map((t) => t.total)).toEqual([16, 16]);
    expect(live.state).toBe('running');
  });
});

function scriptedSubscription(events: readonly RecordedEvent[]): Subscription {
  const stopping = new AbortController();
  async function* iterate(): AsyncGenerator<RecordedEvent> {
    for (const e of events) yield e;
    await new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    stop: async () => stopping.abort(),
  };
}
