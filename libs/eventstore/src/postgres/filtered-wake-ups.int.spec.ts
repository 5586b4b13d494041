import { Client } from 'pg';
import { SubscriptionCollector, newEvent, uniqueCategory } from '../testing/event-store-test-kit';
import { postgresUnderTest } from '../testing/postgres-under-test';
import type { EventStoreUnderTest } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

// Subscribers that poll only once a minute: whatever they get within seconds, a wake-up brought.
const SLOW_POLL_MS = 60_000;

let underTest: EventStoreUnderTest & { readonly url: string };
let writer: PostgresEventStore;
let reader: PostgresEventStore;
let listener: Client;
const payloads: (string | undefined)[] = [];

beforeAll(async () => {
  underTest = await postgresUnderTest('eventstore_filtered_wake_ups');
  writer = (await underTest.open()) as PostgresEventStore;
  // "Another process": its own store, woken only by the writer's NOTIFY.
  reader = new PostgresEventStore(underTest.url, { pollIntervalMs: SLOW_POLL_MS });
  await reader.ensureSchema();
  listener = new Client({ connectionString: underTest.url });
  listener.on('error', () => undefined);
  await listener.connect();
  listener.on('notification', (message) => payloads.push(message.payload));
  await listener.query('LISTEN "eventstore_appended"');
});

afterAll(async () => {
  await Promise.all([writer?.close(), reader?.close(), listener?.end().catch(() => undefined)]);
  await underTest?.dispose();
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('wake-ups name what was appended', () => {
  it('sends the stream category and event types in the NOTIFY payload', async () => {
    const category = uniqueCategory();
    await writer.append(`${category}-1`, [newEvent('ParcelArrived')]);
    await until(() => payloads.some((p) => p?.includes(`${category}-`)));
    const payload = JSON.parse(payloads.find((p) => p?.includes(`${category}-`)) as string) as { c: string[]; t: string[] };
    expect(payload.c).toContain(`${category}-`);
    expect(payload.t).toContain('ParcelArrived');
  });

  it("wakes another process's subscription filtered by stream prefix at once", async () => {
    const category = uniqueCategory();
    const collector = new SubscriptionCollector(reader.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } }));
    try {
      // Its first read is done once an unrelated append has come and gone.
      await writer.append(`${uniqueCategory()}-1`, [newEvent('Unrelated')]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.append(`${category}-1`, [newEvent('Wanted')]);
      const [event] = await collector.waitFor(1, 10_000);
      expect(event.type).toBe('Wanted');
    } finally {
      await collector.stop();
    }
  });

  it("wakes another process's subscription filtered by event type at once", async () => {
    const type = `Typed${uniqueCategory()}`;
    const collector = new SubscriptionCollector(reader.subscribeToAll({ filter: { eventTypes: [type] } }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.append(`${uniqueCategory()}-1`, [newEvent(type)]);
      const [event] = await collector.waitFor(1, 10_000);
      expect(event.type).toBe(type);
    } finally {
      await collector.stop();
    }
  });

  it('wakes a subscription in the same process with the append', async () => {
    const category = uniqueCategory();
    const local = new PostgresEventStore(underTest.url, { pollIntervalMs: SLOW_POLL_MS, notify: false });
    const collector = new SubscriptionCollector(local.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await local.append(`${category}-1`, [newEvent('Local')]);
      const [event] = await collector.waitFor(1, 10_000);
      expect(event.type).toBe('Local');
    } finally {
      await collector.stop();
      await local.close();
    }
  });
});
