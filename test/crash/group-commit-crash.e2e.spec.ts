import { Pool } from 'pg';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const UPDATES = 1_200;
const CHATS = 40;
const SENDERS = 24;
const KILLS = 2;
const secret = 'group-commit-crash-secret';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kills the gateway with SIGKILL while a group commit is open: its transaction has written a
 * batch's events but not committed. That transaction must roll back whole (PostgreSQL says
 * `aborted` for its id), Telegram posts every unanswered update again, and each update is stored
 * exactly once in the end.
 */
describe('the gateway killed in the middle of a group commit', () => {
  let db: TestDatabase;
  let pool: Pool;
  let port: number;
  let gateway: AppProcess | undefined;

  const startGateway = async (): Promise<AppProcess> => {
    const started = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port,
      env: { DATABASE_URL: db.url, TELEGRAM_WEBHOOK_SECRET: secret, LOG_LEVEL: 'warn' },
    });
    await started.waitForOutput(/Switchboard gateway is ready/, 60_000);
    return started;
  };

  beforeAll(async () => {
    db = await createTestDatabase('group_commit_crash');
    pool = new Pool({ connectionString: db.url, max: 3 });
    port = await freePort();
    gateway = await startGateway();
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    await pool?.end();
    await db?.drop();
  }, 60_000);

  /** A gateway backend inside a group commit that has written its events (it has an xid) and not committed yet. */
  const openBatchTransaction = async (): Promise<string | undefined> => {
    const { rows } = await pool.query<{ xid: string }>(
      `SELECT a.backend_xid::text AS xid FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_xid IS NOT NULL
          AND a.state IN ('active', 'idle in transaction') AND a.query ~ '(intake_record_batch|INSERT INTO "eventstore".events)'`,
    );
    return rows[0]?.xid;
  };

  it('rolls the open batch back and stores every update exactly once', async () => {
    const url = `http://127.0.0.1:${port}/channels/telegram/webhook`;
    const pending = Array.from({ length: UPDATES }, (_, i) => 7_000_000 + i);
    let delivered = 0;
    const post = async (updateId: number): Promise<void> => {
      const chatId = 4_000_000 + (updateId % CHATS);
      const person = { id: chatId, is_bot: false, first_name: 'Batch', last_name: `Crash${chatId}` };
      const body = JSON.stringify({
        update_id: updateId,
        message: { message_id: updateId, from: person, chat: { ...person, type: 'private' }, date: 1764064800, text: `Update ${updateId}` },
      });
      for (;;) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          await response.arrayBuffer();
          if (response.status === 200) return void (delivered += 1);
        } catch {
          // The gateway is down: Telegram tries again.
        }
        await sleep(50);
      }
    };
    const senders = Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let id = pending.shift(); id !== undefined; id = pending.shift()) await post(id);
      }),
    );

    const abortedMidCommit: string[] = [];
    for (let attempt = 0; abortedMidCommit.length < KILLS && attempt < 20 && delivered < UPDATES * 0.9; attempt++) {
      await sleep(300);
      let xid: string | undefined;
      const deadline = Date.now() + 10_000;
      while (!xid && Date.now() < deadline) xid = await openBatchTransaction();
      if (!xid) continue;
      const current = gateway;
      current?.child.kill('SIGKILL');
      expect(await current?.exited).toBe('SIGKILL');
      // The backend notices its client is gone and rolls back; until then the status is "in progress".
      let status = 'in progress';
      for (let i = 0; i < 200 && status === 'in progress'; i++) {
        status = (await pool.query<{ status: string }>('SELECT pg_xact_status($1::xid8) AS status', [xid])).rows[0].status;
        if (status === 'in progress') await sleep(25);
      }
      if (status === 'aborted') abortedMidCommit.push(xid);
      gateway = await startGateway();
    }
    await senders;

    expect(abortedMidCommit).toHaveLength(KILLS);
    const store = new PostgresEventStore(db.url);
    const stored: string[] = [];
    try {
      for await (const event of store.readAll({ filter: { eventTypes: ['MessageReceived'] } })) stored.push((event.data as { messageId: string }).messageId);
    } finally {
      await store.close();
    }
    expect(stored).toHaveLength(UPDATES);
    expect(new Set(stored).size).toBe(UPDATES);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_messages');
    expect(rows[0].n).toBe(UPDATES);
  }, 180_000);
});
