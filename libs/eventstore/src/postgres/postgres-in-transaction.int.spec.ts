import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import { SubscriptionCollector, newEvent, toArray, uniqueCategory } from '../testing/event-store-test-kit';
import { postgresUnderTest } from '../testing/postgres-under-test';
import type { EventStoreUnderTest } from '../testing/event-store.contract';
import type { PostgresEventStore } from './postgres-event-store';
import { ConcurrentAppendError } from './postgres-in-transaction';
import type { PostgresInTransaction } from './postgres-in-transaction';

let underTest: EventStoreUnderTest & { readonly url: string };
let pool: Pool;
let store: PostgresEventStore;
let inTx: PostgresInTransaction;

beforeAll(async () => {
  underTest = await postgresUnderTest('eventstore_in_transaction');
  pool = new Pool({ connectionString: underTest.url, max: 8 });
  pool.on('error', () => undefined);
  store = (await underTest.open()) as PostgresEventStore;
  inTx = store.inTransaction();
  await pool.query('CREATE TABLE ledger (key text PRIMARY KEY)');
});

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await underTest?.dispose();
});

async function transaction<T>(work: (tx: PoolClient) => Promise<T>, outcome: 'COMMIT' | 'ROLLBACK' = 'COMMIT'): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const result = await work(tx);
    await tx.query(outcome);
    return result;
  } catch (error) {
    await tx.query('ROLLBACK');
    throw error;
  } finally {
    tx.release();
  }
}

describe('the PostgreSQL event store inside a caller’s transaction', () => {
  it('appends to several streams and the caller’s rows in one commit', async () => {
    const c = uniqueCategory();
    await store.append(`${c}-b`, [newEvent()], { expectedRevision: 'no_stream' });
    const outcomes = await transaction(async (tx) => {
      await tx.query('INSERT INTO ledger VALUES ($1)', [c]);
      return inTx.append(tx, [
        { streamId: `${c}-a`, events: [newEvent('A1'), newEvent('A2')], expectedRevision: 'no_stream' },
        { streamId: `${c}-b`, events: [newEvent('B1')], expectedRevision: 0n },
      ]);
    });
    expect(outcomes).toEqual([
      { appended: true, nextExpectedRevision: 1n, positions: [expect.any(String), expect.any(String)] },
      { appended: true, nextExpectedRevision: 1n, positions: [expect.any(String)] },
    ]);
    expect((await toArray(store.readStream(`${c}-a`))).map((e) => e.type)).toEqual(['A1', 'A2']);
    const positions = (await toArray(store.readAll({ filter: { streamPrefixes: [`${c}-`] } }))).map((e) => e.position);
    expect(positions.slice(1)).toEqual([...(outcomes[0].appended ? outcomes[0].positions : []), ...(outcomes[1].appended ? outcomes[1].positions : [])].sort());
    expect((await pool.query('SELECT 1 FROM ledger WHERE key = $1', [c])).rowCount).toBe(1);
  });

  it('reports a stream that is not where the append expected it and appends the others', async () => {
    const c = uniqueCategory();
    await store.append(`${c}-moved`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
    const outcomes = await transaction((tx) =>
      inTx.append(tx, [
        { streamId: `${c}-moved`, events: [newEvent()], expectedRevision: 0n },
        { streamId: `${c}-new`, events: [newEvent()], expectedRevision: 'no_stream' },
        { streamId: `${c}-absent`, events: [newEvent()], expectedRevision: 3n },
      ]),
    );
    expect(outcomes).toEqual([
      { appended: false, actual: 1n },
      { appended: true, nextExpectedRevision: 0n, positions: [expect.any(String)] },
      { appended: false, actual: 'no_stream' },
    ]);
  });

  it('leaves nothing behind when the caller rolls back', async () => {
    const c = uniqueCategory();
    await transaction((tx) => inTx.append(tx, [{ streamId: `${c}-a`, events: [newEvent()], expectedRevision: 'no_stream' }]), 'ROLLBACK');
    expect(await toArray(store.readAll({ filter: { streamPrefixes: [`${c}-`] } }))).toEqual([]);
  });

  it('reads several streams in revision order', async () => {
    const c = uniqueCategory();
    await store.append(`${c}-a`, [newEvent('A1'), newEvent('A2')], { expectedRevision: 'no_stream' });
    await store.append(`${c}-b`, [newEvent('B1')], { expectedRevision: 'no_stream' });
    const streams = await transaction((tx) => inTx.readStreams(tx, [`${c}-a`, `${c}-b`, `${c}-none`]));
    expect([...streams.keys()].sort()).toEqual([`${c}-a`, `${c}-b`]);
    expect(streams.get(`${c}-a`)?.map((e) => [e.type, e.revision])).toEqual([
      ['A1', 0n],
      ['A2', 1n],
    ]);
  });

  it('reads streams as statement text sent with the caller’s own statements, the same as readStreams', async () => {
    const c = uniqueCategory();
    await store.append(`${c}-it's`, [newEvent('A1'), newEvent('A2')], { expectedRevision: 'no_stream' });
    await store.append(`${c}-b`, [newEvent('B1')], { expectedRevision: 'no_stream' });
    const ids = [`${c}-it's`, `${c}-b`, `${c}-none`];
    const [direct, together] = await transaction(async (tx) => {
      const read = await inTx.readStreams(tx, ids);
      const results = (await tx.query(`SELECT 1; ${await inTx.readStreamsText(tx, ids)}`)) as unknown as { rows: unknown[] }[];
      return [read, inTx.streamsOf(results[1].rows)];
    });
    expect(together).toEqual(direct);
    expect([...together.keys()].sort()).toEqual([`${c}-b`, `${c}-it's`]);
    expect(together.get(`${c}-it's`)?.map((e) => e.type)).toEqual(['A1', 'A2']);
  });

  it('keeps the caller’s transaction usable when a concurrent writer takes a revision mid-statement', async () => {
    const c = uniqueCategory();
    // Another transaction holds revision 0 of the stream, uncommitted: our insert waits on it, then loses.
    const held = await underTest.holdAppend(`${c}-raced`, [newEvent('Theirs')], 'no_stream');
    const ours = transaction(async (tx) => {
      await tx.query('INSERT INTO ledger VALUES ($1)', [c]);
      return inTx.append(tx, [
        { streamId: `${c}-raced`, events: [newEvent('Ours')], expectedRevision: 'no_stream' },
        { streamId: `${c}-other`, events: [newEvent('Other')], expectedRevision: 'no_stream' },
      ]);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await held.commit();
    expect(await ours).toEqual([
      { appended: false, actual: 0n },
      { appended: true, nextExpectedRevision: 0n, positions: [expect.any(String)] },
    ]);
    expect((await toArray(store.readStream(`${c}-raced`))).map((e) => e.type)).toEqual(['Theirs']);
    expect((await pool.query('SELECT 1 FROM ledger WHERE key = $1', [c])).rowCount).toBe(1);
  });

  it('without a savepoint, throws ConcurrentAppendError when a concurrent writer takes a revision, for the caller to roll back', async () => {
    const c = uniqueCategory();
    const held = await underTest.holdAppend(`${c}-raced`, [newEvent('Theirs')], 'no_stream');
    const ours = transaction((tx) =>
      inTx.append(tx, [{ streamId: `${c}-raced`, events: [newEvent('Ours')], expectedRevision: 'no_stream' }], { savepoint: false }),
    );
    const settled = ours.then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await held.commit();
    expect(await settled).toBeInstanceOf(ConcurrentAppendError);
    expect((await toArray(store.readStream(`${c}-raced`))).map((e) => e.type)).toEqual(['Theirs']);
  });

  it('wakes subscribers once the caller has committed', async () => {
    const c = uniqueCategory();
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [`${c}-`] } });
    const collector = new SubscriptionCollector(subscription);
    try {
      await transaction((tx) => inTx.append(tx, [{ streamId: `${c}-a`, events: [newEvent()], expectedRevision: 'no_stream' }]));
      inTx.committed();
      await collector.waitFor(1, 2_000);
    } finally {
      await collector.stop();
    }
  });

  it('refuses the same stream twice in one append', async () => {
    const c = uniqueCategory();
    await expect(
      transaction((tx) =>
        inTx.append(tx, [
          { streamId: `${c}-a`, events: [newEvent()], expectedRevision: 'no_stream' },
          { streamId: `${c}-a`, events: [newEvent()], expectedRevision: 0n },
        ]),
      ),
    ).rejects.toThrow(RangeError);
  });
});
