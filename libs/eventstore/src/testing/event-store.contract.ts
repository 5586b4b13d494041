import { randomUUID } from 'node:crypto';
import { StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { UpcastingEventStore } from '../upcasting/upcasting-event-store';
import { SubscriptionCollector, expectWrongExpectedVersion, newEvent, sleep, toArray, uniqueCategory } from './event-store-test-kit';

/** An append whose commit the test controls. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface EventStoreUnderTest {
  /** A new store instance on this test file's backend; the suite closes it. */
  open(): Promise<EventStore>;
  /**
   * Starts an append and holds it before commit: on PostgreSQL its rows are inserted (their
   * global positions taken) in a transaction left open; stores without long transactions append
   * on commit.
   */
  holdAppend(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<HeldAppend>;
  dispose(): Promise<void>;
}

/**
 * The behaviour every adapter owes the port: EventStoreDB's expected-revision and idempotence
 * rules, atomic appends, reads both ways, filters, and the subscription races a naive
 * bigserial store loses (postgres-event-store.int.spec.ts shows each race happening to one).
 */
export function describeEventStoreContract(setUp: () => Promise<EventStoreUnderTest>): void {
  let underTest: EventStoreUnderTest;
  let store: EventStore;
  let category: string;
  const opened: EventStore[] = [];

  const stream = (name: string = randomUUID()): string => `${category}-${name}`;
  const ownEvents = { streamPrefixes: [] as string[] };
  const open = async (): Promise<EventStore> => {
    const s = await underTest.open();
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    underTest = await setUp();
    store = await open();
  });

  beforeEach(() => {
    category = uniqueCategory();
    ownEvents.streamPrefixes = [`${category}-`];
  });

  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await underTest?.dispose();
  });

  describe('expected revision', () => {
    it('creates a stream with no_stream and returns revision 0', async () => {
      const result = await store.append(stream(), [newEvent()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(typeof result.position).toBe('string');
    });

    it('rejects no_stream when the stream exists, reporting its revision', async () => {
      const id = stream();
      await store.append(id, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(store.append(id, [newEvent()], { expectedRevision: 'no_stream' }), 1n);
    });

    it('appends at the exact revision of the last event', async () => {
      const id = stream();
      await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      const result = await store.append(id, [newEvent(), newEvent()], { expectedRevision: 0n });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('rejects a stale exact revision with the actual revision', async () => {
      const id = stream();
      await store.append(id, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      const error = await store.append(id, [newEvent()], { expectedRevision: 0n }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: id, expected: 0n, actual: 1n });
    });

    it('rejects an exact revision ahead of the stream', async () => {
      const id = stream();
      await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(store.append(id, [newEvent()], { expectedRevision: 5n }), 0n);
    });

    it('rejects an exact revision on a missing stream as no_stream', async () => {
      await expectWrongExpectedVersion(store.append(stream(), [newEvent()], { expectedRevision: 0n }), 'no_stream');
    });

    it('appends with any to a missing and to an existing stream', async () => {
      const id = stream();
      expect((await store.append(id, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await store.append(id, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(1n);
    });

    it('defaults to any', async () => {
      const id = stream();
      await store.append(id, [newEvent()]);
      expect((await store.append(id, [newEvent()])).nextExpectedRevision).toBe(1n);
    });

    it('appends with stream_exists to an existing stream', async () => {
      const id = stream();
      await store.append(id, [newEvent()]);
      expect((await store.append(id, [newEvent()], { expectedRevision: 'stream_exists' })).nextExpectedRevision).toBe(1n);
    });

    it('rejects stream_exists on a missing stream', async () => {
      await expectWrongExpectedVersion(store.append(stream(), [newEvent()], { expectedRevision: 'stream_exists' }), 'no_stream');
    });
  });

  describe('idempotence', () => {
    it('re-appending the same events at the same exact revision succeeds and writes nothing', async () => {
      const id = stream();
      await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      const events = [newEvent(), newEvent()];
      const first = await store.append(id, events, { expectedRevision: 0n });
      const again = await store.append(id, events, { expectedRevision: 0n });
      expect(again).toEqual(first);
      expect(await toArray(store.readStream(id))).toHaveLength(3);
    });

    it('re-appending a stream creation with no_stream succeeds and writes nothing', async () => {
      const id = stream();
      const events = [newEvent(), newEvent()];
      const first = await store.append(id, events, { expectedRevision: 'no_stream' });
      expect(await store.append(id, events, { expectedRevision: 'no_stream' })).toEqual(first);
      expect(await toArray(store.readStream(id))).toHaveLength(2);
    });

    it('re-appending with any succeeds and writes nothing', async () => {
      const id = stream();
      await store.append(id, [newEvent()]);
      const events = [newEvent(), newEvent()];
      const first = await store.append(id, events, { expectedRevision: 'any' });
      expect(await store.append(id, events, { expectedRevision: 'any' })).toEqual(first);
      expect(await toArray(store.readStream(id))).toHaveLength(3);
    });

    it('re-appending a prefix of an earlier append at its revision is idempotent', async () => {
      const id = stream();
      const [a, b] = [newEvent(), newEvent()];
      await store.append(id, [a, b], { expectedRevision: 'no_stream' });
      expect((await store.append(id, [a], { expectedRevision: 'no_stream' })).nextExpectedRevision).toBe(0n);
      expect((await store.append(id, [b], { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
      expect(await toArray(store.readStream(id))).toHaveLength(2);
    });

    it('rejects a partial overlap at an exact revision and writes nothing', async () => {
      const id = stream();
      const [a, b] = [newEvent(), newEvent()];
      await store.append(id, [a, b], { expectedRevision: 'no_stream' });
      await expectWrongExpectedVersion(store.append(id, [a, newEvent()], { expectedRevision: 'no_stream' }), 1n);
      await expectWrongExpectedVersion(store.append(id, [b, newEvent()], { expectedRevision: 0n }), 1n);
      expect(await toArray(store.readStream(id))).toHaveLength(2);
    });

    it('rejects a partial overlap with any and writes nothing', async () => {
      const id = stream();
      const [a, b] = [newEvent(), newEvent()];
      await store.append(id, [a, b]);
      await expectWrongExpectedVersion(store.append(id, [a, newEvent()], { expectedRevision: 'any' }), 1n);
      expect(await toArray(store.readStream(id))).toHaveLength(2);
    });
  });

  describe('atomic appends', () => {
    it('gives a multi-event append consecutive revisions in order', async () => {
      const id = stream();
      const events = [newEvent('A'), newEvent('B'), newEvent('C')];
      const result = await store.append(id, events, { expectedRevision: 'no_stream' });
      const read = await toArray(store.readStream(id));
      expect(read.map((e) => [e.id, e.revision])).toEqual(events.map((e, i) => [e.id, BigInt(i)]));
      expect(read[2].position).toBe(result.position);
    });

    it('never shows part of a multi-event append to a concurrent reader', async () => {
      const ids = Array.from({ length: 8 }, () => stream());
      let appending = true;
      const observed = new Set<number>();
      const reader = (async () => {
        while (appending) {
          for (const id of ids) {
            const count = await toArray(store.readStream(id)).then(
              (events) => events.length,
              (error: unknown) => (error instanceof StreamNotFoundError ? 0 : Promise.reject(error)),
            );
            observed.add(count);
          }
        }
      })();
      await Promise.all(
        ids.map((id) =>
          store.append(
            id,
            Array.from({ length: 25 }, () => newEvent()),
            { expectedRevision: 'no_stream' },
          ),
        ),
      );
      appending = false;
      await reader;
      expect([...observed].every((n) => n === 0 || n === 25)).toBe(true);
    });

    it('writes none of the events of a losing multi-event append', async () => {
      const id = stream();
      await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled([
        store.append(id, [newEvent('X'), newEvent('X'), newEvent('X')], { expectedRevision: 0n }),
        store.append(id, [newEvent('Y'), newEvent('Y')], { expectedRevision: 0n }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const types = (await toArray(store.readStream(id))).slice(1).map((e) => e.type);
      expect([
        ['X', 'X', 'X'],
        ['Y', 'Y'],
      ]).toContainEqual(types);
    });
  });

  describe('reading a stream', () => {
    it('returns what was appended: type, data, metadata, stream, revision, position, time', async () => {
      const id = stream();
      const before = Date.now();
      const event = newEvent('RequestRegistered', { channel: 'telegram', text: 'привет' }, { correlationId: 'c-1' });
      await store.append(id, [event], { expectedRevision: 'no_stream' });
      const [read] = await toArray(store.readStream(id));
      expect(read).toMatchObject({ id: event.id, type: 'RequestRegistered', streamId: id, revision: 0n, data: event.data });
      expect(read.metadata).toMatchObject({ correlationId: 'c-1' });
      expect(read.position.length).toBeGreaterThan(0);
      expect(read.createdAt.getTime()).toBeGreaterThan(before - 60_000);
    });

    it('reads forwards from a revision with a maximum count', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 6 }, () => newEvent()),
        { expectedRevision: 'no_stream' },
      );
      const read = await toArray(store.readStream(id, { fromRevision: 2n, maxCount: 3 }));
      expect(read.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
    });

    it('reads backwards from the end and from a revision', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 5 }, () => newEvent()),
        { expectedRevision: 'no_stream' },
      );
      const fromEnd = await toArray(store.readStream(id, { direction: 'backwards', maxCount: 2 }));
      expect(fromEnd.map((e) => e.revision)).toEqual([4n, 3n]);
      const fromTwo = await toArray(store.readStream(id, { direction: 'backwards', fromRevision: 2n }));
      expect(fromTwo.map((e) => e.revision)).toEqual([2n, 1n, 0n]);
    });

    it('throws StreamNotFoundError for a missing stream', async () => {
      const id = stream();
      const error = await toArray(store.readStream(id)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamId: id });
    });

    it('returns nothing past the end of an existing stream', async () => {
      const id = stream();
      await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      expect(await toArray(store.readStream(id, { fromRevision: 5n }))).toEqual([]);
    });
  });

  describe('reading all', () => {
    it('reads in append order, exclusive of `from`, up to a maximum count', async () => {
      const events = Array.from({ length: 5 }, () => newEvent());
      for (const event of events) await store.append(stream(), [event]);
      const all = await toArray(store.readAll({ filter: ownEvents }));
      expect(all.map((e) => e.id)).toEqual(events.map((e) => e.id));
      const after = await toArray(store.readAll({ from: all[1].position, maxCount: 2, filter: ownEvents }));
      expect(after.map((e) => e.id)).toEqual([events[2].id, events[3].id]);
    });

    it('filters by stream prefix, by event type, and by both', async () => {
      const requests = `${category}-request`;
      const incidents = `${category}-incident`;
      await store.append(`${requests}-${randomUUID()}`, [newEvent('RequestRegistered'), newEvent('RequestClosed')]);
      await store.append(`${incidents}-${randomUUID()}`, [newEvent('IncidentOpened'), newEvent('RequestClosed')]);
      const types = async (filter: { streamPrefixes?: string[]; eventTypes?: string[] }): Promise<string[]> =>
        (await toArray(store.readAll({ filter }))).filter((e) => e.streamId.startsWith(category)).map((e) => e.type);
      expect(await types({ streamPrefixes: [`${requests}-`] })).toEqual(['RequestRegistered', 'RequestClosed']);
      expect(await types({ streamPrefixes: [`${requests}-`, `${incidents}-`] })).toHaveLength(4);
      expect(await types({ streamPrefixes: [`${category}-`], eventTypes: ['RequestClosed'] })).toEqual(['RequestClosed', 'RequestClosed']);
      expect(await types({ streamPrefixes: [`${incidents}-`], eventTypes: ['RequestClosed', 'IncidentOpened'] })).toEqual(['IncidentOpened', 'RequestClosed']);
    });

    it('treats a stream prefix literally, not as a pattern', async () => {
      await store.append(`${category}-a_b-1`, [newEvent()]);
      await store.append(`${category}-axb-1`, [newEvent()]);
      const read = await toArray(store.readAll({ filter: { streamPrefixes: [`${category}-a_b`] } }));
      expect(read.map((e) => e.streamId)).toEqual([`${category}-a_b-1`]);
    });
  });

  describe('subscribing to all', () => {
    it('catches up from the start, then delivers live appends', async () => {
      const early = [newEvent(), newEvent()];
      await store.append(stream(), early);
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: ownEvents }));
      try {
        await subscription.waitFor(2);
        const late = newEvent();
        await store.append(stream(), [late]);
        const events = await subscription.waitFor(3);
        expect(events.map((e) => e.id)).toEqual([...early, late].map((e) => e.id));
      } finally {
        await subscription.stop();
      }
    });

    it('resumes after `from`, exclusively', async () => {
      const events = [newEvent(), newEvent(), newEvent()];
      for (const event of events) await store.append(stream(), [event]);
      const [first] = await toArray(store.readAll({ filter: ownEvents, maxCount: 1 }));
      const subscription = new SubscriptionCollector(store.subscribeToAll({ from: first.position, filter: ownEvents }));
      try {
        expect((await subscription.waitFor(2)).map((e) => e.id)).toEqual([events[1].id, events[2].id]);
      } finally {
        await subscription.stop();
      }
    });

    it('stops delivering once stopped', async () => {
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: ownEvents }));
      await store.append(stream(), [newEvent()]);
      await subscription.waitFor(1);
      await subscription.stop();
      await store.append(stream(), [newEvent()]);
      await sleep(200);
      expect(subscription.events).toHaveLength(1);
    });
  });

  describe('races', () => {
    it('a slow transaction with a lower position that commits after a fast one reaches the live subscriber', async () => {
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: ownEvents }));
      try {
        const slowEvent = newEvent('Slow');
        const fastEvent = newEvent('Fast');
        const slow = await underTest.holdAppend(stream('slow'), [slowEvent], 'no_stream');
        await store.append(stream('fast'), [fastEvent], { expectedRevision: 'no_stream' });
        // Long enough for the subscriber to have read past the fast event's position several times.
        await sleep(500);
        await slow.commit();
        const events = await subscription.waitFor(2);
        expect(events.map((e) => e.id).sort()).toEqual([slowEvent.id, fastEvent.id].sort());
        // Each checkpoint resumes past exactly what was delivered before it.
        const afterFirst = await toArray(store.readAll({ from: events[0].position, filter: ownEvents }));
        expect(afterFirst.map((e) => e.id)).toEqual([events[1].id]);
      } finally {
        await subscription.stop();
      }
    });

    it('lets exactly one of 50 concurrent writers win each revision; the rest get WrongExpectedVersionError', async () => {
      const id = stream();
      await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      const rounds = 5;
      const winners: string[] = [];
      for (let revision = 0n; revision < BigInt(rounds); revision++) {
        const attempts = Array.from({ length: 50 }, () => newEvent('Attempt'));
        const results = await Promise.allSettled(attempts.map((e) => store.append(id, [e], { expectedRevision: revision })));
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [attempts[i].id] : []));
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const error of lost) {
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({ expected: revision, actual: revision + 1n });
        }
        winners.push(won[0]);
      }
      const read = await toArray(store.readStream(id));
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: rounds + 1 }, (_, i) => BigInt(i)));
      expect(read.slice(1).map((e) => e.id)).toEqual(winners);
    });

    it('delivers every event of 20 concurrent writers exactly once, in stream order, across a restart from a checkpoint', async () => {
      const writers = 20;
      const perWriter = 25;
      const total = writers * perWriter;
      const written = new Set<string>();
      const first = new SubscriptionCollector(store.subscribeToAll({ filter: ownEvents }));
      const writing = Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const id = stream(`writer${w}`);
          for (let i = 0; i < perWriter; i++) {
            const event = newEvent('Written', { w, i });
            const expectedRevision: ExpectedRevision = i === 0 ? 'no_stream' : BigInt(i - 1);
            if (i % 2 === 0) {
              await store.append(id, [event], { expectedRevision });
            } else {
              // Commit late, out of position order, behind other writers' commits.
              const held = await underTest.holdAppend(id, [event], expectedRevision);
              await sleep(Math.random() * 8);
              await held.commit();
            }
            written.add(event.id);
          }
        }),
      );
      const beforeRestart = await first.waitFor(total / 2, 30_000);
      const checkpoint = beforeRestart[beforeRestart.length - 1].position;
      await first.stop();
      const delivered = first.events.slice(0, total / 2);
      // A new store instance, as a restarted process would have.
      const restarted = await open();
      const second = new SubscriptionCollector(restarted.subscribeToAll({ from: checkpoint, filter: ownEvents }));
      try {
        await writing;
        delivered.push(...(await second.waitFor(total - delivered.length, 30_000)));
        await sleep(100);
        expect(second.events.length).toBe(total - total / 2);
      } finally {
        await second.stop();
      }
      const ids = delivered.map((e) => e.id);
      expect(new Set(ids).size).toBe(total);
      expect(new Set(ids)).toEqual(written);
      expectStreamOrder(delivered);
    });

    it('a rolled-back transaction leaves no event and stalls no subscriber, while a slower one behind it still arrives', async () => {
      const subscription = new SubscriptionCollector(store.subscribeToAll({ filter: ownEvents }));
      try {
        const doomedId = stream('doomed');
        const doomed = await underTest.holdAppend(doomedId, [newEvent('Doomed')], 'no_stream');
        const slowEvent = newEvent('Slow');
        const slow = await underTest.holdAppend(stream('slow'), [slowEvent], 'no_stream');
        const after = newEvent('After');
        await store.append(stream(), [after]);
        await sleep(300);
        await doomed.rollback();
        await slow.commit();
        const settledAt = Date.now();
        const delivered = await subscription.waitFor(2, 5_000);
        expect(Date.now() - settledAt).toBeLessThan(2_000);
        expect(delivered.map((e) => e.id).sort()).toEqual([slowEvent.id, after.id].sort());
        const later = newEvent('Later');
        await store.append(stream(), [later]);
        expect((await subscription.waitFor(3, 5_000))[2].id).toBe(later.id);
        expect(await toArray(store.readStream(doomedId)).catch((e: unknown) => e)).toBeInstanceOf(StreamNotFoundError);
        expect(subscription.events.some((e) => e.type === 'Doomed')).toBe(false);
      } finally {
        await subscription.stop();
      }
    });
  });

  describe('schema evolution', () => {
    it('stamps appends with the current schema version and upcasts older versions on read', async () => {
      const v1 = new UpcastingEventStore(store, new UpcasterRegistry());
      const v3 = new UpcastingEventStore(
        store,
        new UpcasterRegistry()
          .register('ContactShared', 1, (data) => ({ ...(data as { phone: string }), verified: false }))
          .register('ContactShared', 2, (data) => {
            const { phone, ...rest } = data as { phone: string; verified: boolean };
            return { ...rest, phoneE164: phone };
          }),
      );
      const id = stream();
      await v1.append(id, [newEvent('ContactShared', { phone: '+79990001122' })]);
      await v3.append(id, [newEvent('ContactShared', { phoneE164: '+79990003344', verified: true })]);

      const raw = await toArray(store.readStream(id));
      expect(raw.map((e) => e.metadata.schemaVersion)).toEqual([1, 3]);
      const upcast = await toArray(v3.readStream(id));
      expect(upcast.map((e) => e.data)).toEqual([
        { phoneE164: '+79990001122', verified: false },
        { phoneE164: '+79990003344', verified: true },
      ]);
      expect(upcast.map((e) => e.metadata.schemaVersion)).toEqual([3, 3]);
      const subscription = new SubscriptionCollector(v3.subscribeToAll({ filter: ownEvents }));
      try {
        expect((await subscription.waitFor(2)).map((e) => e.data)).toEqual(upcast.map((e) => e.data));
      } finally {
        await subscription.stop();
      }
    });
  });
}

function expectStreamOrder(events: RecordedEvent[]): void {
  const next = new Map<string, bigint>();
  for (const event of events) {
    expect(event.revision).toBe(next.get(event.streamId) ?? 0n);
    next.set(event.streamId, event.revision + 1n);
  }
}
