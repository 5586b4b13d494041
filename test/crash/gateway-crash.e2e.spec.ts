import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { Pool } from 'pg';
import { LocalSmsc } from '@switchboard/channel-sms/testing';
import { PostgresEventStore } from '@switchboard/eventstore';
import { createTestDatabase, freePort, recordSkip, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';

const amqpUrl = process.env.AMQP_URL;
if (!amqpUrl) recordSkip('gateway crash test', 'AMQP_URL not set: run scripts/test-services/provision.sh');
const describeWithRabbit = amqpUrl ? describe : describe.skip;

const TELEGRAM = 700;
const ESB = 700;
const SMS = 600;
const TOTAL = TELEGRAM + ESB + SMS;
const CONTACTS_PER_CHANNEL = 50;
const TELEGRAM_SENDERS = 8;
const secret = 'crash-test-telegram-secret';

interface StoredMessage {
  readonly channel: string;
  readonly messageId: string;
  readonly text: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(20);
  }
}

/**
 * 2,000 contacts over Telegram, the ESB and SMPP while the gateway is killed with SIGKILL twice
 * and restarted. The senders retry as the real ones do: Telegram posts an update again until it
 * gets a 200, RabbitMQ redelivers what was not acknowledged, the SMSC resends every deliver_sm
 * that got no deliver_sm_resp once it is bound again. Every message must be stored exactly once.
 */
describeWithRabbit('the gateway killed twice while 2,000 contacts arrive', () => {
  const prefix = `sb-crash-${process.pid}-${randomBytes(3).toString('hex')}`;
  const intakeQueue = `${prefix}.intake`;
  const deadLetterExchange = `${prefix}.intake.dlx`;
  let db: TestDatabase;
  let pool: Pool;
  let smsc: LocalSmsc;
  let broker: ChannelModel;
  let publisher: ConfirmChannel;
  let port: number;
  let gateway: AppProcess | undefined;

  const startGateway = async (): Promise<AppProcess> => {
    const started = startAppProcess({
      entry: 'dist/apps/gateway/src/main.js',
      port,
      env: {
        DATABASE_URL: db.url,
        AMQP_URL: amqpUrl ?? '',
        ESB_INTAKE_QUEUE: intakeQueue,
        ESB_DEAD_LETTER_EXCHANGE: deadLetterExchange,
        SMPP_URL: smsc.url,
        SMPP_ENQUIRE_LINK_SECONDS: '2',
        TELEGRAM_WEBHOOK_SECRET: secret,
        LOG_LEVEL: 'warn',
      },
    });
    await started.waitForOutput(/Switchboard gateway is ready/, 60_000);
    return started;
  };

  /** The gateway declares the intake queue once it is connected; a message published before that would be unroutable. */
  const queueDeclared = async (): Promise<void> => {
    for (;;) {
      const probe = await broker.createChannel();
      probe.on('error', () => undefined);
      if (
        await probe.checkQueue(intakeQueue).then(
          () => true,
          () => false,
        )
      )
        return void (await probe.close());
      await sleep(100);
    }
  };

  const storedCount = async (): Promise<number> => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_messages')).rows[0].n;

  beforeAll(async () => {
    db = await createTestDatabase('crash');
    pool = new Pool({ connectionString: db.url, max: 2 });
    port = await freePort();
    smsc = await LocalSmsc.start(await freePort(), { window: 32 });
    broker = await connect(amqpUrl ?? '');
    broker.on('error', () => undefined);
    publisher = await broker.createConfirmChannel();
    gateway = await startGateway();
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    await smsc?.stop();
    if (broker) {
      const cleanup = await broker.createChannel();
      await cleanup.deleteQueue(intakeQueue).catch(() => undefined);
      await cleanup.deleteQueue(`${intakeQueue}.dead`).catch(() => undefined);
      await cleanup.deleteExchange(deadLetterExchange).catch(() => undefined);
      await broker.close();
    }
    await pool?.end();
    await db?.drop();
  }, 60_000);

  it('stores every contact exactly once', async () => {
    const url = `http://127.0.0.1:${port}/channels/telegram/webhook`;
    const telegramIds = Array.from({ length: TELEGRAM }, (_, i) => 9_000_000 + i);
    const esbIds = Array.from({ length: ESB }, () => randomUUID());
    const smsTexts = Array.from({ length: SMS }, (_, i) => `SMS ${i} ${randomBytes(4).toString('hex')}`);

    // Telegram: every update is posted until the gateway answers 200.
    const pendingUpdates = [...telegramIds];
    const postUntilAcknowledged = async (updateId: number): Promise<void> => {
      const chatId = 5_000_000 + (updateId % CONTACTS_PER_CHANNEL);
      const person = { id: chatId, is_bot: false, first_name: 'Crash', last_name: `Test${chatId}` };
      const body = JSON.stringify({
        update_id: updateId,
        message: { message_id: updateId, from: person, chat: { ...person, type: 'private' }, date: 1764064800, text: `Telegram ${updateId}` },
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
          if (response.status === 200) return;
        } catch {
          // Connection refused or reset: the gateway is down; Telegram tries again.
        }
        await sleep(100);
      }
    };
    const telegram = Promise.all(
      Array.from({ length: TELEGRAM_SENDERS }, async () => {
        for (let id = pendingUpdates.shift(); id !== undefined; id = pendingUpdates.shift()) await postUntilAcknowledged(id);
      }),
    );

    // ESB: published once; RabbitMQ redelivers what a killed consumer did not acknowledge.
    await queueDeclared();
    for (const [i, id] of esbIds.entries()) {
      const body = {
        source: 'crm',
        client: { phone: `+7916700${String(i % CONTACTS_PER_CHANNEL).padStart(4, '0')}` },
        body: `ESB ${i}`,
        occurredAt: new Date().toISOString(),
      };
      publisher.sendToQueue(intakeQueue, Buffer.from(JSON.stringify(body)), { persistent: true, messageId: id, contentType: 'application/json' });
    }
    await publisher.waitForConfirms();

    // SMPP: the SMSC resends each deliver_sm until it gets its deliver_sm_resp.
    const sms = Promise.all(smsTexts.map((text, i) => smsc.deliver({ source: `7916800${String(i % CONTACTS_PER_CHANNEL).padStart(4, '0')}`, text })));

    const killedAt: number[] = [];
    for (const threshold of [TOTAL * 0.25, TOTAL * 0.6]) {
      await until(async () => (await storedCount()) >= threshold, `${threshold} contacts stored before the kill`);
      const current = gateway;
      current?.child.kill('SIGKILL');
      expect(await current?.exited).toBe('SIGKILL');
      killedAt.push(await storedCount());
      gateway = await startGateway();
    }

    await telegram;
    expect(new Set(await sms)).toEqual(new Set([0]));
    await until(
      async () => (await storedCount()) >= TOTAL && (await publisher.checkQueue(intakeQueue)).messageCount === 0,
      'every contact stored and the intake queue empty',
    );

    const store = new PostgresEventStore(db.url);
    const stored: StoredMessage[] = [];
    try {
      for await (const event of store.readAll({ filter: { eventTypes: ['MessageReceived'] } })) stored.push(event.data as StoredMessage);
    } finally {
      await store.close();
    }

    expect(killedAt.every((n) => n > 0 && n < TOTAL)).toBe(true);
    const byChannel = (channel: string) => stored.filter((m) => m.channel === channel);
    expect(stored).toHaveLength(TOTAL);
    expect(new Set(stored.map((m) => `${m.channel}:${m.messageId}`)).size).toBe(TOTAL);
    expect(new Set(byChannel('telegram').map((m) => m.messageId))).toEqual(new Set(telegramIds.map(String)));
    expect(new Set(byChannel('esb').map((m) => m.messageId))).toEqual(new Set(esbIds));
    expect(new Set(byChannel('sms').map((m) => m.text))).toEqual(new Set(smsTexts));
    expect((await publisher.checkQueue(`${intakeQueue}.dead`)).messageCount).toBe(0);
  }, 150_000);
});
