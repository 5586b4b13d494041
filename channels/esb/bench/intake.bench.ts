// npm run bench:intake — one JSON line on stdout, progress on stderr. Runs the compiled gateway and
// projector against the test PostgreSQL (a database of its own, dropped at the end) and RabbitMQ
// (queues of its own, deleted at the end); 32 senders post Telegram updates and publish ESB contacts.
// BENCH_PROJECTOR=none leaves the projector out (intake alone; visibleMs is then null), to tell the
// intake's own cost from the read models' on a machine where they share the CPU.
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect } from 'amqplib';
import type { ConfirmChannel } from 'amqplib';
import { Pool } from 'pg';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess } from '@switchboard/platform/testing';
import { cpuShares, cpuSnapshot } from './cpu-accounting';

const SENDERS = 32;
const TELEGRAM_SENDERS = Number(process.env.BENCH_TELEGRAM_SENDERS ?? SENDERS / 2);
const ESB_SENDERS = SENDERS - TELEGRAM_SENDERS;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const CONTACTS_PER_CHANNEL = Number(process.env.BENCH_CONTACTS ?? 500);
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const ACK_POLL_MS = 5;
const VISIBLE_POLL_MS = 10;
const secret = 'bench-telegram-secret';
/** A directory for `node --cpu-prof` profiles of the gateway and the projector (written when they stop); unset: no profiling. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;
/** `process`: the projector runs in its own process, as deployed; `none`: no projector. */
const PROJECTOR = process.env.BENCH_PROJECTOR ?? 'process';

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round1 = (n: number): number => Math.round(n * 10) / 10;
/** Wall-clock milliseconds with sub-millisecond resolution (comparable with PostgreSQL's now()). */
const now = (): number => performance.timeOrigin + performance.now();

interface Contact {
  /** `channel:messageId`: how the intake ledger and the request list name it. */
  readonly key: string;
  readonly channel: 'telegram' | 'esb';
  readonly messageId: string;
  requestId?: string;
  readonly sentAt: number;
  ackAt?: number;
  visibleAt?: number;
  measured: boolean;
}

/** Waits for ESB contacts to be acknowledged: the consumer acks right after the intake ledger records them. */
class EsbAckWatcher {
  private readonly waiting = new Map<string, { contact: Contact; resolve: () => void }>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly pool: Pool) {
    this.loop = this.poll();
  }

  wait(contact: Contact, messageId: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(messageId, { contact, resolve }));
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      if (this.waiting.size > 0) {
        // stored_at is the moment of the store, taken on the same machine's clock as sentAt.
        const { rows } = await this.pool.query<{ message_id: string; stored_at: Date; request_id: string }>(
          `SELECT message_id, stored_at, request_id FROM intake_messages WHERE channel = 'esb' AND message_id = ANY($1::text[])`,
          [[...this.waiting.keys()]],
        );
        for (const row of rows) {
          const entry = this.waiting.get(row.message_id);
          if (!entry) continue;
          this.waiting.delete(row.message_id);
          entry.contact.ackAt = row.stored_at.getTime();
          entry.contact.requestId = row.request_id;
          entry.resolve();
        }
      }
      await sleep(ACK_POLL_MS);
    }
  }
}

/** Notes when each acknowledged contact shows up in the request list (rm_request_messages). */
class VisibilityWatcher {
  private readonly pending = new Map<string, Contact>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly pool: Pool) {
    this.loop = this.poll();
  }

  watch(contact: Contact): void {
    this.pending.set(contact.key, contact);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  // Both lookups go through primary keys: the poller must not load the database it measures.
  private async poll(): Promise<void> {
    while (this.running) {
      const unknown = [...this.pending.values()].filter((c) => !c.requestId);
      if (unknown.length > 0) {
        const { rows } = await this.pool.query<{ channel: string; message_id: string; request_id: string }>(
          'SELECT channel, message_id, request_id FROM intake_messages WHERE (channel, message_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
          [unknown.map((c) => c.channel), unknown.map((c) => c.messageId)],
        );
        for (const row of rows) {
          const contact = this.pending.get(`${row.channel}:${row.message_id}`);
          if (contact) contact.requestId = row.request_id;
        }
      }
      const requestIds = [...new Set([...this.pending.values()].flatMap((c) => (c.requestId ? [c.requestId] : [])))];
      if (requestIds.length > 0) {
        const { rows } = await this.pool.query<{ channel: string; message_id: string }>(
          `SELECT channel, message_id FROM rm_request_messages WHERE request_id = ANY($1::uuid[]) AND kind = 'inbound'`,
          [requestIds],
        );
        const seenAt = now();
        for (const row of rows) {
          const key = `${row.channel}:${row.message_id}`;
          const contact = this.pending.get(key);
          if (!contact) continue;
          this.pending.delete(key);
          contact.visibleAt = seenAt;
        }
      }
      await sleep(VISIBLE_POLL_MS);
    }
  }
}

function postUpdate(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/channels/telegram/webhook',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': secret },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function rawCommitsPerSec(pool: Pool): Promise<number> {
  await pool.query('CREATE TABLE bench_raw_commits (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
  const insert = () =>
    pool.query({
      name: 'raw-insert',
      text: 'INSERT INTO bench_raw_commits (payload) VALUES ($1)',
      values: [JSON.stringify({ text: 'The internet in flat 12 is down', at: new Date().toISOString() })],
    });
  const run = async (ms: number): Promise<number> => {
    const deadline = performance.now() + ms;
    const started = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (performance.now() < deadline) {
          await insert();
          done += 1;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  };
  await run(1_000);
  return run(3_000);
}

/** CPU of the apps, the bench database's PostgreSQL backends and the machine over the measured window, in % of one core. */
async function cpuOverWindow(pool: Pool, apps: Readonly<Record<string, number | undefined>>, from: number, until: number): Promise<Record<string, number>> {
  await sleep(Math.max(0, from - Date.now()));
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const groups: Record<string, number[]> = { postgres: rows.map((r) => r.pid) };
  for (const [name, pid] of Object.entries(apps)) if (pid !== undefined) groups[name] = [pid];
  const start = cpuSnapshot(groups);
  await sleep(Math.max(0, until - Date.now()));
  return cpuShares(start, cpuSnapshot(groups));
}

async function main(): Promise<void> {
  if (PROJECTOR !== 'process' && PROJECTOR !== 'none') throw new Error(`BENCH_PROJECTOR must be process or none, not ${PROJECTOR}`);
  const database = await createTestDatabase('bench_intake');
  const prefix = `sb-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  const intakeQueue = `${prefix}.intake`;
  const deadLetterExchange = `${prefix}.intake.dlx`;
  const pool = new Pool({ connectionString: database.url, max: SENDERS + 4 });
  pool.on('error', () => undefined);
  const broker = await connect(AMQP_URL);
  broker.on('error', () => undefined);
  let gateway: AppProcess | undefined;
  let projector: AppProcess | undefined;
  log(`database ${database.name}, queue ${intakeQueue}`);
  try {
    const gatewayPort = await freePort();
    const profiling = (name: string): string[] => (CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
    gateway = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port: gatewayPort,
      env: {
        DATABASE_URL: database.url,
        AMQP_URL,
        ESB_INTAKE_QUEUE: intakeQueue,
        ESB_DEAD_LETTER_EXCHANGE: deadLetterExchange,
        TELEGRAM_WEBHOOK_SECRET: secret,
        LOG_LEVEL: 'warn',
      },
      nodeArgs: profiling('gateway'),
    });
    await gateway.waitForOutput(/Switchboard gateway is ready/, 90_000);
    if (PROJECTOR === 'process') {
      projector = startAppProcess({
        entry: 'dist/apps/projector/src/main.js',
        port: await freePort(),
        env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
        nodeArgs: profiling('projector'),
      });
      await projector.waitForOutput(/Switchboard projector is ready/, 90_000);
    }
    log(
      `topology: gateway role alone (dist/apps/gateway, pid ${gateway.child.pid}: Telegram webhook + ESB consumer, group commit into PostgreSQL); ` +
        (projector
          ? `projector in its own process (dist/apps/projector, pid ${projector.child.pid}: read models); `
          : 'no projector (BENCH_PROJECTOR=none); ') +
        `bench senders and watchers in this process (pid ${process.pid}); ` +
        `PostgreSQL and RabbitMQ shared with the machine; ${availableParallelism()} CPUs, load average ${loadavg()
          .map((n) => n.toFixed(2))
          .join(' ')}` +
        (CPU_PROF_DIR ? `; CPU profiles to ${CPU_PROF_DIR}` : ''),
    );
    const channels: ConfirmChannel[] = [];
    for (;;) {
      const probe = await broker.createChannel();
      probe.on('error', () => undefined);
      if (
        await probe.checkQueue(intakeQueue).then(
          () => true,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    log(projector ? 'gateway and projector ready' : 'gateway ready');

    const acks = new EsbAckWatcher(pool);
    const visibility = new VisibilityWatcher(pool);
    const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
    const contacts: Contact[] = [];
    const started = performance.now();
    const measureFrom = Date.now() + WARMUP_MS;
    const measureUntil = measureFrom + WINDOW_MS;
    let updateId = 1;
    let esbSeq = 0;
    let failures = 0;

    const telegramSender = async (): Promise<void> => {
      while (Date.now() < measureUntil) {
        const id = updateId++;
        const chatId = 6_000_000 + (id % CONTACTS_PER_CHANNEL);
        const person = { id: chatId, is_bot: false, first_name: 'Bench', last_name: `Chat${chatId}` };
        const body = JSON.stringify({
          update_id: id,
          message: { message_id: id, from: person, chat: { ...person, type: 'private' }, date: Math.floor(Date.now() / 1000), text: `Telegram bench ${id}` },
        });
        const contact: Contact = { key: `telegram:${id}`, channel: 'telegram', messageId: String(id), sentAt: now(), measured: false };
        const status = await postUpdate(agent, gatewayPort, body).catch(() => 0);
        if (status !== 200) {
          failures += 1;
          continue;
        }
        contact.ackAt = now();
        contact.measured = contact.sentAt >= measureFrom && contact.ackAt <= measureUntil;
        contacts.push(contact);
        if (projector) visibility.watch(contact);
      }
    };

    const esbSender = async (channel: ConfirmChannel): Promise<void> => {
      while (Date.now() < measureUntil) {
        const seq = esbSeq++;
        const messageId = randomUUID();
        const phone = `+7916${String(5_000_000 + (seq % CONTACTS_PER_CHANNEL)).padStart(7, '0')}`;
        const body = { source: 'bench', client: { phone }, body: `ESB bench ${seq}`, occurredAt: new Date().toISOString() };
        const contact: Contact = { key: `esb:${messageId}`, channel: 'esb', messageId, sentAt: now(), measured: false };
        const acked = acks.wait(contact, messageId);
        channel.sendToQueue(intakeQueue, Buffer.from(JSON.stringify(body)), { persistent: true, messageId, contentType: 'application/json' });
        await acked;
        contact.measured = contact.sentAt >= measureFrom && (contact.ackAt ?? Infinity) <= measureUntil;
        contacts.push(contact);
        if (projector) visibility.watch(contact);
      }
    };

    for (let i = 0; i < ESB_SENDERS; i++) channels.push(await broker.createConfirmChannel());
    log(`sending for ${WARMUP_MS} ms warm-up + ${WINDOW_MS} ms measured (${TELEGRAM_SENDERS} Telegram, ${ESB_SENDERS} ESB senders)`);
    const cpu = cpuOverWindow(pool, { gateway: gateway.child.pid, projector: projector?.child.pid, bench: process.pid }, measureFrom, measureUntil);
    await Promise.all([...Array.from({ length: TELEGRAM_SENDERS }, () => telegramSender()), ...channels.map((c) => esbSender(c))]);
    log(`senders done after ${Math.round(performance.now() - started)} ms (${failures} Telegram posts not answered 200); waiting for the request list`);
    const shares = await cpu;
    log(
      `CPU over the measured window, % of one core (${availableParallelism()} cores): ` +
        (Object.keys(shares).length === 0
          ? 'not known (no /proc)'
          : Object.entries(shares)
              .map(([name, percent]) => `${name === 'postgres' ? 'PostgreSQL backends of the bench database' : name} ${percent}`)
              .join(', ')),
    );
    const visibleDeadline = projector ? Date.now() + 60_000 : Date.now();
    while (visibility.outstanding > 0 && Date.now() < visibleDeadline) await sleep(50);
    await Promise.all([acks.stop(), visibility.stop()]);
    agent.destroy();

    const measured = contacts.filter((c) => c.measured);
    const ackMs = measured.map((c) => (c.ackAt ?? 0) - c.sentAt).sort((a, b) => a - b);
    const visibleMs = measured
      .filter((c) => c.visibleAt !== undefined)
      .map((c) => Math.max(0, (c.visibleAt ?? 0) - (c.ackAt ?? 0)))
      .sort((a, b) => a - b);
    const byChannel = (name: string) => measured.filter((c) => c.key.startsWith(`${name}:`)).length;
    log(
      `measured ${measured.length} contacts (telegram ${byChannel('telegram')}, esb ${byChannel('esb')}); ${projector ? `${measured.length - visibleMs.length} never visible` : 'visibility not measured'}`,
    );
    for (const name of ['telegram', 'esb']) {
      const own = measured
        .filter((c) => c.key.startsWith(`${name}:`))
        .map((c) => (c.ackAt ?? 0) - c.sentAt)
        .sort((a, b) => a - b);
      log(`${name}: ack p50 ${round1(percentile(own, 50))} ms, p99 ${round1(percentile(own, 99))} ms`);
    }
    log(
      `load average after sending: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    const raw = await rawCommitsPerSec(pool);
    log(`raw single-row commits: ${Math.round(raw)}/s with ${SENDERS} writers`);
    const ackedPerSec = Math.round(measured.length / (WINDOW_MS / 1000));

    process.stdout.write(
      `${JSON.stringify({
        ackedPerSec,
        ackMs: { p50: round1(percentile(ackMs, 50)), p99: round1(percentile(ackMs, 99)) },
        visibleMs: projector ? { p50: round1(percentile(visibleMs, 50)), p99: round1(percentile(visibleMs, 99)) } : null,
        rawCommitsPerSec: Math.round(raw),
        ratio: raw > 0 ? Math.round((ackedPerSec / raw) * 1000) / 1000 : 0,
      })}\n`,
    );
  } finally {
    await Promise.allSettled([gateway?.stop(), projector?.stop()]);
    const cleanup = await broker.createChannel();
    await cleanup.deleteQueue(intakeQueue).catch(() => undefined);
    await cleanup.deleteQueue(`${intakeQueue}.dead`).catch(() => undefined);
    await cleanup.deleteExchange(deadLetterExchange).catch(() => undefined);
    await broker.close().catch(() => undefined);
    await pool.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
