import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CoreModule, PG_POOL, applyMigrations } from '@switchboard/app-runtime';
import { LocalSmsc } from '@switchboard/channel-sms/testing';
import { Surveys } from '@switchboard/communications';
import { PostgresCommunicationPolicies } from '@switchboard/communications/infrastructure';
import { SMPP_COMMUNICATION_SENDER, SMPP_OUTBOUND_SENDER, SmppModule } from '@switchboard/gateway';
import { NotifierModule } from '@switchboard/notifier';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase, freePort } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';

const department = 'first-line-north';
const gsm = (text: string): Buffer => Buffer.from(text, 'latin1');
const t = (en: string) => ({ ru: `ru: ${en}`, en });

/**
 * An SMS survey in the all-in-one composition (`switchboard start`'s: the gateway's transceiver
 * bind to the local SMSC double, the notifier's processors): the question goes out by SMPP, the
 * client's digit replies come back as deliver_sm and are the survey's answers — the next question
 * follows, no request is registered — while any other SMS still becomes a request.
 */
describe('an SMS survey answered by digits over SMPP', () => {
  let db: TestDatabase;
  let smsc: LocalSmsc;
  let app: INestApplication;
  const phone = `7916${String(process.pid % 1000).padStart(3, '0')}4242`;

  async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const pool = () => app.get<Pool>(PG_POOL);
  const requestsFromPhone = async () =>
    (
      await pool().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM eventstore.events WHERE event_type = 'RequestRegistered' AND data->'contact'->>'address' IN ($1, $2)`,
        [phone, `+${phone}`],
      )
    ).rows[0].n;
  const textsTo = () => smsc.submitted.filter((s) => s.destination === phone).map((s) => s.text);

  beforeAll(async () => {
    db = await createTestDatabase('surveys_sms');
    smsc = await LocalSmsc.start(await freePort(), { receiptFor: () => 'DELIVRD' });
    const config = loadConfig({ DATABASE_URL: db.url, SMPP_URL: smsc.url, SMPP_ENQUIRE_LINK_SECONDS: '1' }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        SmppModule,
        NotifierModule.forRoot({
          sms: { module: SmppModule, token: SMPP_OUTBOUND_SENDER },
          communicationSms: { module: SmppModule, token: SMPP_COMMUNICATION_SENDER },
        }),
      ],
    })
    class AllInOneTestModule {}
    app = await NestFactory.create(AllInOneTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), pool());
    await app.init();
    await smsc.whenBound();
  }, 60_000);

  afterAll(async () => {
    app?.get<Pool>(PG_POOL).on('error', () => undefined);
    await app?.close();
    await smsc?.stop();
    await db?.drop();
  });

  it('asks by SMS, takes "4" and "2" as the answers, and leaves other messages to the operators', async () => {
    const clientId = randomUUID();
    await pool().query(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key) VALUES ($1, 'Irina', 'Petrova', $2, 'petrova irina')`, [
      clientId,
      `+${phone}`,
    ]);
    const change = { by: 'comms.admin', at: new Date() };
    await app.get(PostgresCommunicationPolicies, { strict: false }).setPreference(department, 'survey', ['sms'], undefined, change);
    const surveys = app.get(Surveys, { strict: false });
    await surveys.createQuestionnaire(
      'after-visit',
      {
        name: 'After the visit',
        title: t('After your visit'),
        questions: [
          { id: 'score', kind: 'rating', text: t('How did we do?') },
          {
            id: 'why',
            kind: 'single',
            text: t('What mattered most?'),
            options: [
              { id: 'speed', text: t('Speed') },
              { id: 'care', text: t('Care') },
            ],
          },
        ],
      },
      change,
    );
    const { communicationId } = await surveys.send(
      { questionnaireId: 'after-visit', department, clientId, language: 'en', by: 'comms.admin' },
      { commandId: randomUUID(), origin: 'user' },
    );
    await until('the first question by SMS', () => textsTo().length === 1);
    expect(textsTo()).toEqual(['After your visit\nHow did we do?\nReply with a digit from 1 to 5.']);
    // The reply is recognised once the communication is in the read model with its number.
    await until('the survey in the read model', async () => {
      const { rowCount } = await pool().query(`SELECT 1 FROM rm_communications WHERE id = $1 AND channel = 'sms' AND address IS NOT NULL`, [communicationId]);
      return rowCount === 1;
    });

    expect(await smsc.deliver({ source: phone, shortMessage: gsm('4') })).toBe(0);
    await until('the second question by SMS', () => textsTo().length === 2);
    expect(textsTo()[1]).toBe('What mattered most?\n1 - Speed\n2 - Care\nReply with the digit of your choice.');

    expect(await smsc.deliver({ source: phone, shortMessage: gsm('Is my lift fixed yet?') })).toBe(0);
    await until('the other message registered as a request', async () => (await requestsFromPhone()) === 1);

    expect(await smsc.deliver({ source: phone, shortMessage: gsm('2') })).toBe(0);
    await until('the survey completed', async () => (await surveys.response(communicationId))?.completed === true);
    expect((await surveys.response(communicationId))?.answers).toEqual({ score: { kind: 'rating', value: 4 }, why: { kind: 'single', optionId: 'care' } });
    // Neither digit reply became a request or joined its conversation; nothing more was asked.
    expect(await requestsFromPhone()).toBe(1);
    const { rows } = await pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM eventstore.events WHERE event_type = 'MessageReceived' AND data->>'text' IN ('4', '2')`,
    );
    expect(rows[0].n).toBe(0);
    expect(textsTo()).toHaveLength(2);
  });
});
