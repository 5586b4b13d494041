import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import type { RecordedEvent } from '@switchboard/eventstore';
import { ProcessorHost, processingSchema, readProcessorCheckpoint } from '@switchboard/eventstore/processing';
import type { ProcessorDefinition, ProcessorStatus } from '@switchboard/eventstore/processing';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { runProcessorsCli } from './processors.cli';

class Capture {
  readonly isTTY = false;
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('switchboard processors', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let host: ProcessorHost | undefined;
  let faulty = true;
  let poisonedId = '';
  const name = 'fx-notification';

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = { stdout: new Capture(), stderr: new Capture(), env: { DATABASE_URL: db.url } };
    const code = await runProcessorsCli(args, io);
    return { code, out: io.stdout.text, err: io.stderr.text };
  };

  /** An emailing process manager's shape: one event at a time, effects recorded outside the checkpoint's transaction. */
  const definition = (): ProcessorDefinition => ({
    name,
    filter: { streamPrefixes: ['fx-'] },
    batch: { maxEvents: 1 },
    failure: { baseMs: 5, maxMs: 20, maxAttempts: 3 },
    handler: {
      kind: 'external',
      async handle(events: readonly RecordedEvent[]) {
        for (const event of events) {
          if (event.id === poisonedId && faulty) throw new Error('work group 301 has no manager with an email address');
          await pool.query('INSERT INTO fx_sent (event_id) VALUES ($1)', [event.id]);
        }
      },
    },
  });

  const startHost = (): ProcessorHost => {
    const started = new ProcessorHost({ pool, store, identity: 'notifier@test:1', standbyRetryMs: 50, retryPollMs: 100 });
    started.register(definition());
    started.start();
    return started;
  };

  async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const sent = async (eventId: string): Promise<number> =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM fx_sent WHERE event_id = $1', [eventId])).rows[0].n;

  beforeAll(async () => {
    db = await createTestDatabase('processors_cli');
    pool = new Pool({ connectionString: db.url, max: 10 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    await pool.query('CREATE TABLE fx_sent (event_id text NOT NULL)');
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
  });

  afterAll(async () => {
    await host?.stop();
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('shows who runs each processor and what is parked, retries a parked event once the fault is fixed, and records who did what', async () => {
    host = startHost();
    poisonedId = randomUUID();
    await store.append('fx-1', [{ id: randomUUID(), type: 'IncidentOpened', data: {} }]);
    await store.append('fx-2', [{ id: poisonedId, type: 'IncidentOpened', data: {} }]);
    const last = (await store.append('fx-3', [{ id: randomUUID(), type: 'IncidentOpened', data: {} }])).position;
    await until(async () => (await readProcessorCheckpoint(pool, name))?.position === last, 'the processor to move past the poisoned event');

    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^PROCESSOR +STATE +HOLDER +CHECKPOINT +LAG EVENTS +LAG +PARKED\n/);
    expect(status.out).toMatch(new RegExp(`\\nfx-notification +running +notifier@test:1 +${last} +0 +0:00 +1\\n`));
    const json = JSON.parse((await cli('status', '--json')).out) as ProcessorStatus[];
    expect(json).toEqual([expect.objectContaining({ processor: name, state: 'running', holder: 'notifier@test:1', parked: 1, lagEvents: 0 })]);

    const parked = await cli('parked');
    expect(parked.out).toMatch(
      new RegExp(`\\nfx-notification +${poisonedId} +IncidentOpened +fx-2@0 +3 +\\S+ +parked +work group 301 has no manager with an email address\\n`),
    );

    // Still broken: the running instance tries once, and says so.
    const failed = await cli('retry', name, poisonedId, '--by', 'hd.manager.north');
    expect(failed).toMatchObject({
      code: 1,
      out: expect.stringContaining(`retry of ${poisonedId} (IncidentOpened fx-2@0) failed again, still parked: work group 301 has no manager`),
    });

    faulty = false;
    const retried = await cli('retry', name, poisonedId, '--by', 'hd.manager.north', '--reason', 'manager assigned');
    expect(retried.code).toBe(0);
    expect(retried.out).toContain(`retried ${poisonedId} (IncidentOpened fx-2@0): applied`);
    expect(await sent(poisonedId)).toBe(1);
    const [row] = JSON.parse((await cli('parked', name, '--all', '--json')).out) as Record<string, unknown>[];
    expect(row).toMatchObject({
      eventId: poisonedId,
      status: 'retried',
      outcome: 'applied',
      requestedBy: 'hd.manager.north',
      reason: 'manager assigned',
      attempts: 5,
    });

    // Done is done: neither a second retry nor a skip touches it.
    expect(await cli('retry', name, poisonedId)).toMatchObject({
      code: 1,
      err: expect.stringContaining(`event ${poisonedId} of fx-notification is retried, not parked`),
    });
    expect(await cli('skip', name, poisonedId, '--reason', 'x')).toMatchObject({ code: 1 });
    expect(await sent(poisonedId)).toBe(1);
    expect((await cli('status')).out).toMatch(/running +notifier@test:1 +\S+ +0 +0:00 +0\n/);
  });

  it('skips a parked event only with a reason, and records it', async () => {
    faulty = true;
    poisonedId = randomUUID();
    const last = (await store.append('fx-4', [{ id: poisonedId, type: 'IncidentOpened', data: {} }])).position;
    await until(async () => (await readProcessorCheckpoint(pool, name))?.position === last, 'the event to be parked');
    expect(await cli('skip', name, poisonedId)).toMatchObject({ code: 2, err: expect.stringContaining('skip needs --reason') });
    const skipped = await cli('skip', name, '--all', '--reason', 'incident was cancelled meanwhile', '--by', 'l3.manager.network');
    expect(skipped.code).toBe(0);
    expect(skipped.out).toBe(`skipped ${poisonedId} (IncidentOpened fx-4@0) of fx-notification, by l3.manager.network: incident was cancelled meanwhile\n`);
    expect(await sent(poisonedId)).toBe(0);
    expect(await cli('skip', name, '--all', '--reason', 'again')).toMatchObject({ code: 0, out: 'nothing parked for fx-notification\n' });
    expect(await cli('retry', name, randomUUID())).toMatchObject({ code: 2, err: expect.stringContaining('has no parked event') });
  });

  it('queues a retry while no process runs the processor, and the next instance applies it when it starts', async () => {
    faulty = true;
    poisonedId = randomUUID();
    const last = (await store.append('fx-5', [{ id: poisonedId, type: 'IncidentOpened', data: {} }])).position;
    await until(async () => (await readProcessorCheckpoint(pool, name))?.position === last, 'the event to be parked');
    await host?.stop();
    host = undefined;
    faulty = false;
    const queued = await cli('retry', name, '--all');
    expect(queued).toMatchObject({ code: 0, out: expect.stringContaining('no process runs fx-notification now: the retry is queued') });
    expect((await cli('status')).out).toMatch(/\nfx-notification +idle +- /);
    host = startHost();
    await until(async () => (await sent(poisonedId)) === 1, 'the new instance to apply the retry');
    await new Promise((r) => setTimeout(r, 300));
    expect(await sent(poisonedId)).toBe(1);
  });

  it('explains itself on a usage error', async () => {
    expect(await cli('retry', name)).toMatchObject({ code: 2, err: expect.stringContaining('retry needs a processor and an event id, or --all') });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') });
  });
});
