import { PostgresEventBacklog, ProcessorHost } from '@switchboard/eventstore/processing';
import { appendCounters, counterProjection, counters, eventually, frameworkTestKit } from '../testing/counter-projection';
import type { FrameworkTestKit } from '../testing/counter-projection';
import { readCheckpoint } from './checkpoint-table';
import type { Projection } from './projection';
import { ProjectionPositions } from './projection-positions';
import { ProjectionRebuilder, RebuildAbortedError, RebuildInProgressError } from './projection-rebuild';
import type { RebuildProgress } from './projection-rebuild';
import { readModelProcessor } from './read-model-processor';

const names = Array.from({ length: 20 }, (_, i) => `counter-r${String(i).padStart(2, '0')}`);
const sumTo = (n: number): number => (n * (n + 1)) / 2;

async function indexNames(kit: FrameworkTestKit): Promise<string[]> {
  const { rows } = await kit.pool.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE tablename = 'fx_counters' AND schemaname = current_schema() ORDER BY indexname`,
  );
  return rows.map((r) => r.indexname);
}

describe('projection rebuild', () => {
  let kit: FrameworkTestKit;
  const stoppables: { stop(): Promise<void> }[] = [];

  /** The projector's way of running projections: each a processor on a host, rebuilt first when its version went up. */
  const projector = (projections: Projection[], options: { batchMs?: number } = {}): ProcessorHost => {
    const host = new ProcessorHost({ pool: kit.pool, store: kit.store, identity: 'test', standbyRetryMs: 50 });
    for (const projection of projections)
      host.register(
        readModelProcessor(projection, {
          pool: kit.pool,
          store: kit.store,
          batch: options.batchMs ? { maxWaitMs: options.batchMs } : undefined,
          failure: { baseMs: 20, maxMs: 50 },
        }),
      );
    host.start();
    return host;
  };

  beforeEach(async () => {
    kit = await frameworkTestKit('rm_rebuild');
  });

  afterEach(async () => {
    await Promise.all(stoppables.splice(0).map((s) => s.stop()));
    await kit.close();
  });

  it('rebuilds into shadow tables and swaps them in while queries keep answering and the live runner keeps going', async () => {
    const first = await appendCounters(kit.store, names, 60);
    const live = projector([counterProjection()], { batchMs: 5 });
    stoppables.push(live);
    await eventually(
      () => readCheckpoint(kit.pool, 'counter'),
      (r) => r?.position === first,
      'the live projection to catch up',
    );
    const indexesBefore = await indexNames(kit);

    // Readers hammer the live table for the whole rebuild: every answer must be complete.
    let reading = true;
    let reads = 0;
    const answers: string[] = [];
    const reader = (async () => {
      while (reading) {
        const { rows } = await kit.pool.query<{ n: number; total: string }>('SELECT count(*)::int AS n, min(total)::text AS total FROM fx_counters');
        answers.push(`${rows[0].n}:${Number(rows[0].total) >= sumTo(60) ? 'complete' : rows[0].total}`);
        reads++;
      }
    })();
    // Writers keep appending; the live runner keeps projecting them into the old tables.
    let writing = true;
    const writer = (async () => {
      while (writing) await appendCounters(kit.store, names.slice(0, 2), 1);
    })();

    const progress: RebuildProgress[] = [];
    const rebuilder = new ProjectionRebuilder(kit.pool, kit.store, { backlog: new PostgresEventBacklog(kit.pool) });
    const result = await rebuilder.rebuild(counterProjection(), { fresh: true, batchSize: 100, onProgress: (p) => progress.push(p) });
    writing = false;
    await writer;
    const last = await appendCounters(kit.store, names, 1);
    await eventually(
      () => readCheckpoint(kit.pool, 'counter'),
      (r) => r?.position === last,
      'the live runner to resume after the swap',
    );
    reading = false;
    await reader;

    expect(result.events).toBeGreaterThanOrEqual(1200);
    expect(reads).toBeGreaterThan(10);
    expect(answers.every((a) => a === '20:complete')).toBe(true);
    expect(progress[0]).toMatchObject({ phase: 'building', applied: 0 });
    expect(progress[0].total).toBeGreaterThanOrEqual(1200);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['building', 'swapping', 'done']));
    expect(await indexNames(kit)).toEqual(indexesBefore);
    const { rows: shadows } = await kit.pool.query(`SELECT 1 FROM pg_namespace WHERE nspname LIKE 'rm_shadow_%'`);
    expect(shadows).toHaveLength(0);

    // Every event exactly once: the rebuilt rows plus what the live runner added after the swap.
    const { rows } = await kit.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM eventstore.events WHERE stream_id LIKE 'counter-%'`);
    const totals = await counters(kit.pool);
    expect(Object.values(totals).reduce((sum, t) => sum + t.events, 0)).toBe(Number(rows[0].n));
    expect(live.health()[0].state).toBe('running');
  });

  it('refuses a second rebuild of the same projection while one runs', async () => {
    await appendCounters(kit.store, names, 20);
    const rebuilder = new ProjectionRebuilder(kit.pool, kit.store);
    let second: Promise<unknown> | undefined;
    await rebuilder.rebuild(counterProjection(), {
      fresh: true,
      batchSize: 50,
      onProgress: () => {
        second ??= rebuilder.rebuild(counterProjection(), { fresh: true }).catch((e: unknown) => e);
      },
    });
    expect(await second).toBeInstanceOf(RebuildInProgressError);
  });

  it('resumes a stopped rebuild from its own checkpoint', async () => {
    await appendCounters(kit.store, names, 30);
    const rebuilder = new ProjectionRebuilder(kit.pool, kit.store);
    const stop = new AbortController();
    const stopped = await rebuilder
      .rebuild(counterProjection(), { fresh: true, batchSize: 50, signal: stop.signal, onProgress: (p) => p.applied >= 200 && stop.abort() })
      .catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RebuildAbortedError);
    const { rows } = await kit.pool.query<{ events_applied: string }>('SELECT events_applied::text AS events_applied FROM rm_rebuilds WHERE projection = $1', [
      'counter',
    ]);
    expect(Number(rows[0].events_applied)).toBeGreaterThanOrEqual(200);

    const resumed = await rebuilder.rebuild(counterProjection(), {});
    expect(resumed).toMatchObject({ resumed: true, events: 600 });
    const totals = await counters(kit.pool);
    expect(Object.values(totals).every((t) => t.total === sumTo(30) && t.events === 30)).toBe(true);
  });

  it('rebuilds a projection whose version went up before running it live, leaving the old rows readable meanwhile', async () => {
    const v1 = counterProjection();
    await appendCounters(kit.store, names, 10);
    const daemonV1 = projector([v1]);
    const atV1 = await eventually(
      () => counters(kit.pool),
      (c) => Object.keys(c).length === 20 && Object.values(c).every((t) => t.events === 10),
      'version 1 to project',
    );
    await daemonV1.stop();

    const v2 = counterProjection({ version: 2, multiplier: 10 });
    const daemonV2 = projector([v2]);
    stoppables.push(daemonV2);
    const rebuilding = await eventually(
      () => daemonV2.health()[0],
      (h) => h.state === 'running' || /^rebuilding counter v2/.test(h.detail ?? ''),
      'version 2 to rebuild',
    );
    expect(['starting', 'running']).toContain(rebuilding.state);
    // Until the swap the version-1 rows answer; after it, version 2's.
    expect([atV1[names[0]].total, sumTo(10) * 10]).toContain((await counters(kit.pool))[names[0]].total);
    await eventually(
      () => daemonV2.health()[0].state,
      (s) => s === 'running',
      'version 2 to go live',
    );
    expect((await readCheckpoint(kit.pool, 'counter'))?.version).toBe(2);
    expect((await counters(kit.pool))[names[0]].total).toBe(sumTo(10) * 10);

    const last = await appendCounters(kit.store, names.slice(0, 1), 1);
    await eventually(
      () => readCheckpoint(kit.pool, 'counter'),
      (r) => r?.position === last,
      'version 2 to run live',
    );
    expect((await counters(kit.pool))[names[0]].total).toBe(sumTo(10) * 10 + 10);

    // Older code finds a newer version stored and leaves it alone (it gets its turn once version 2's instance stops).
    await daemonV2.stop();
    const stale = projector([v1]);
    const stopped = await eventually(
      () => stale.health()[0],
      (h) => h.state === 'stopped',
      'the old code to stop',
    );
    expect(stopped.lastError).toMatch(/stored at version 2, newer than this code's 1/);
    await stale.stop();
  });

  it('lets a query wait, bounded, until the projection has passed a position', async () => {
    const positions = new ProjectionPositions(kit.pool, ['counter']);
    const live = projector([counterProjection()], { batchMs: 5 });
    stoppables.push(live);
    const written = await appendCounters(kit.store, names.slice(0, 1), 1);
    expect(await positions.waitFor(written, { timeoutMs: 5_000 })).toBe(true);
    expect((await counters(kit.pool))[names[0]].total).toBe(1);

    await live.stop();
    const unseen = await appendCounters(kit.store, names.slice(0, 1), 1);
    const started = performance.now();
    expect(await positions.waitFor(unseen, { timeoutMs: 200 })).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(await positions.waitFor(written, { timeoutMs: 0 })).toBe(true);
  });
});
