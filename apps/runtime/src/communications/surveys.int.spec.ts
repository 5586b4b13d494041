import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Surveys } from '@switchboard/communications';
import type { ChannelSender, OutgoingCommunication } from '@switchboard/communications';
import { SurveyResponseError, parseSurveyCallback, surveyResponseStreamId } from '@switchboard/communications/domain';
import type { QuestionnaireDraft } from '@switchboard/communications/domain';
import { PostgresCommunicationPolicies, PostgresSurveyStore, SmtpEmailSender } from '@switchboard/communications/infrastructure';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { TelegramCommunicationSender } from '@switchboard/channel-telegram';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import { ClosureSurveyProcessManager, ContactIntake, ExecuteRequestCommand } from '@switchboard/service-desk';
import { requestStreamId } from '@switchboard/service-desk/domain';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntakeModule } from '../intake/intake.module';
import { CommunicationProcessorsModule } from './communication-processors.module';
import { ChannelSenderRegistry } from './communications.module';
import { SurveyProcessorsModule } from './survey-processors.module';
import { SurveyTelegramCallbacks } from './survey-telegram.callbacks';

/** Keeps every communication it is given. */
class RecordingSender implements ChannelSender {
  constructor(
    readonly channel: ChannelSender['channel'],
    readonly sent: OutgoingCommunication[],
  ) {}
  async send(communication: OutgoingCommunication) {
    this.sent.push(communication);
    return { providerMessageId: `rec-${this.sent.length}` };
  }
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const t = (en: string, ru = `ru: ${en}`) => ({ ru, en });
const visit: QuestionnaireDraft = {
  name: 'After the visit',
  title: t('After your visit', 'После визита'),
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
    { id: 'comment', kind: 'text', text: t('Anything else?') },
  ],
};

/**
 * Surveys end to end on the real store, intake and backbone (recording senders per channel): an
 * SMS survey answered by digit replies that never become requests, a Telegram survey answered by
 * its buttons (idempotent on the update id), the email link's single use, the CSAT survey after a
 * request closes exactly once (also when the process manager runs the closure again), and the
 * results read model.
 */
describe('surveys end to end', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let config: SwitchboardConfig;
  let surveys: Surveys;
  let intake: ContactIntake;
  let pool: Pool;
  let store: EventStore;
  const sent: OutgoingCommunication[] = [];
  const client = { id: randomUUID(), phone: '+79165550101' };
  const department = 'first-line-north';
  const change = { by: 'comms.admin', at: new Date() };
  const sentTo = (address: string) => sent.filter((s) => s.address === address);
  const eventsOf = async (communicationId: string) => {
    const seen: string[] = [];
    for await (const e of store.readStream(surveyResponseStreamId(communicationId))) seen.push(e.type);
    return seen;
  };

  beforeAll(async () => {
    db = await createTestDatabase('surveys');
    config = loadConfig({ DATABASE_URL: db.url, SURVEY_TOKEN_SECRET: 'a-survey-secret-of-32-characters' }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        IntakeModule,
        CommunicationProcessorsModule,
        SurveyProcessorsModule,
      ],
    })
    class SurveysTestModule {}
    app = await NestFactory.create(SurveysTestModule, { logger: ['error'] });
    pool = app.get<Pool>(PG_POOL);
    await applyMigrations(app.get(MikroORM), pool);
    const registry = app.get(ChannelSenderRegistry, { strict: false });
    for (const channel of ['sms', 'email', 'messenger'] as const) registry.add(new RecordingSender(channel, sent));
    await app.init();
    surveys = app.get(Surveys, { strict: false });
    intake = app.get(ContactIntake, { strict: false });
    store = app.get<EventStore>(EVENT_STORE);
    await pool.query(
      `INSERT INTO customers_clients (id, first_name, last_name, phone, email, name_key) VALUES ($1, 'Irina', 'Petrova', $2, 'irina@example.test', 'petrova irina')`,
      [client.id, client.phone],
    );
    await surveys.createQuestionnaire('after-visit', visit, change);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is answered by SMS digits: each reply is the answer, the next question follows, nothing becomes a request', async () => {
    const policies = app.get(PostgresCommunicationPolicies, { strict: false });
    await policies.setPreference(department, 'survey', ['sms'], undefined, change);
    const { communicationId } = await surveys.send(
      { questionnaireId: 'after-visit', department, clientId: client.id, language: 'en', by: 'comms.admin' },
      { commandId: randomUUID(), origin: 'user' },
    );
    await until('the survey SMS', async () => sentTo(client.phone).some((s) => s.communicationId === communicationId));
    expect(sentTo(client.phone).find((s) => s.communicationId === communicationId)?.message.text).toBe(
      'After your visit\nHow did we do?\nReply with a digit from 1 to 5.',
    );
    const surveyStore = app.get(PostgresSurveyStore, { strict: false });
    await until('the survey in the read models', async () => (await surveyStore.latestSmsSurvey(client.phone))?.communicationId === communicationId);

    const sms = (text: string, messageId: string = randomUUID()) =>
      intake.receive({ channel: 'sms', messageId, contact: { channel: 'sms', address: client.phone.slice(1) }, text, receivedAt: new Date() });
    const first = await sms('4', 'smsc-1');
    expect(first).toMatchObject({ registered: false, duplicate: false });
    const second = 'What mattered most?\n1 - Speed\n2 - Care\nReply with the digit of your choice.';
    await until('the next question by SMS', async () => sentTo(client.phone).at(-1)?.message.text === second);

    // Not an answer: a message for the operators, as always.
    const other = await sms('My heating is broken');
    expect(other.registered).toBe(true);
    // The first answer redelivered by the SMSC while the survey waits for the second: still the same answer.
    expect(await sms('4', 'smsc-1')).toMatchObject({ registered: false, duplicate: true });
    // A number that fits no option of the question asked: the operators'.
    expect((await sms('7')).requestId).toBe(other.requestId);

    expect(await sms('2', 'smsc-2')).toMatchObject({ registered: false });
    expect(await eventsOf(communicationId)).toEqual(['SurveyOpened', 'SurveyAnswerRecorded', 'SurveyAnswerRecorded', 'SurveyCompleted']);
    const response = await surveys.response(communicationId);
    expect(response?.answers).toEqual({ score: { kind: 'rating', value: 4 }, why: { kind: 'single', optionId: 'care' } });
    expect(await sms('2', 'smsc-2')).toMatchObject({ registered: false, duplicate: true });
  });

  it('is answered by Telegram buttons (Bot API double): recorded once per update, the message turned into the next question', async () => {
    const bot = new LocalBotApi();
    await bot.start();
    const botOptions = { botToken: '123456:surveys-test-token-abcdefgh', apiRoot: bot.url };
    try {
      app.get(ChannelSenderRegistry, { strict: false }).add(new TelegramCommunicationSender(botOptions));
      const chat = 424242;
      const { communicationId } = await surveys.send(
        { questionnaireId: 'after-visit', department, clientId: client.id, language: 'ru', channel: 'messenger', address: String(chat), by: 'comms.admin' },
        { commandId: randomUUID(), origin: 'user' },
      );
      await bot.until(() => bot.sentTo(chat).length === 1);
      const [message] = bot.sentTo(chat);
      expect(message.body.text).toBe('После визита\n\nru: How did we do?');
      const keyboard = (message.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
      expect(keyboard[0].map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);
      for (const row of keyboard) for (const b of row) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

      const callbacks = new SurveyTelegramCallbacks(surveys, app.get(PostgresCommunicationPolicies, { strict: false }), pool, botOptions);
      const press = (data: string, updateId: number) =>
        callbacks.handle({ kind: 'callback', updateId, callbackId: `cb-${updateId}`, chatId: String(chat), messageId: 7, data, receivedAt: new Date() });
      const five = keyboard[0][4].callback_data;
      expect(parseSurveyCallback(five)).toMatchObject({ kind: 'answer', communicationId, questionIndex: 0 });
      expect(await press(five, 9001)).toEqual({ text: 'Спасибо за ответ!' });
      // Telegram redelivering the update, then the same button pressed again: the same answer, nothing new.
      expect(await press(five, 9001)).toEqual({ text: 'Спасибо за ответ!' });
      await press(five, 9002);
      expect(await eventsOf(communicationId)).toEqual(['SurveyOpened', 'SurveyAnswerRecorded']);
      const edits = () => bot.calls.filter((c) => c.method === 'editMessageText');
      expect(edits()[0]?.body).toMatchObject({ chat_id: chat, message_id: 7, text: 'ru: What mattered most?' });
      const next = (edits()[0]?.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
      expect(next.map((row) => row[0].text)).toEqual(['ru: Speed', 'ru: Care']);

      expect(await press(next[1][0].callback_data, 9003)).toEqual({ text: 'Спасибо! Опрос завершён.' });
      expect(await eventsOf(communicationId)).toEqual(['SurveyOpened', 'SurveyAnswerRecorded', 'SurveyAnswerRecorded', 'SurveyCompleted']);
      expect(edits().at(-1)?.body).toMatchObject({ text: 'ru: What mattered most?\n\nСпасибо! Опрос завершён.', reply_markup: { inline_keyboard: [] } });
      expect(await press(five.replace(/r5$/, 'r1'), 9004)).toEqual({ text: 'Этот опрос уже завершён.' });
    } finally {
      app.get(ChannelSenderRegistry, { strict: false }).add(new RecordingSender('messenger', sent));
      await bot.stop();
    }
  });

  it('opts the client out of marketing on the Telegram "Unsubscribe" button of a chat linked to their phone', async () => {
    const callbacks = new SurveyTelegramCallbacks(surveys, app.get(PostgresCommunicationPolicies, { strict: false }), pool);
    const press = (phone?: string) =>
      callbacks.handle({
        kind: 'callback',
        updateId: 9100,
        callbackId: 'cb',
        chatId: '1',
        messageId: 1,
        data: 'unsub',
        receivedAt: new Date(),
        ...(phone ? { phone } : {}),
      });
    expect((await press()).text).toContain('Share your phone number');
    expect(await press(client.phone)).toEqual({ text: 'Вы отписались от рекламных сообщений.' });
    const policies = app.get(PostgresCommunicationPolicies, { strict: false });
    expect((await policies.availability(client.id)).optedOut).toEqual(['marketing']);
    expect((await policies.availabilityHistory(client.id))[0]).toMatchObject({ by: 'client:telegram', reason: 'the Telegram Unsubscribe button' });
  });

  it('is answered once through the email link (smtp-server double): the token names it, a second submit is refused', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const email = new SmtpEmailSender({
      smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      from: 'Switchboard <notify@switchboard.test>',
    });
    const registry = app.get(ChannelSenderRegistry, { strict: false });
    let communicationId: string;
    try {
      registry.add(email);
      ({ communicationId } = await surveys.send(
        { questionnaireId: 'after-visit', department, clientId: client.id, language: 'en', channel: 'email', by: 'comms.admin' },
        { commandId: randomUUID(), origin: 'user' },
      ));
      await until('the survey email', async () => mails.length === 1);
    } finally {
      registry.add(new RecordingSender('email', sent));
      email.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    // Quoted-printable: soft line breaks and escapes undone.
    const body = mails[0].replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(body).toContain('Please answer a few questions:');
    const token = /\/public\/surveys\/([0-9a-f]{32}\.\d+\.[A-Za-z0-9_-]{43})/.exec(body)?.[1];
    expect(token).toBeDefined();
    const check = surveys.verifyToken(String(token));
    expect(check).toEqual({ valid: true, communicationId, expiresAt: expect.any(Date) });
    expect(surveys.verifyToken(String(token), new Date(Date.now() + (config.surveys.linkDays + 1) * 86_400_000))).toEqual({ valid: false, reason: 'expired' });

    const answers = [
      { questionId: 'score', answer: { kind: 'rating' as const, value: 2 } },
      { questionId: 'why', answer: { kind: 'single' as const, optionId: 'speed' } },
      { questionId: 'comment', answer: { kind: 'text' as const, text: 'The technician came late.' } },
    ];
    await expect(surveys.answer(communicationId, answers.slice(2), 'web', 'client:web', randomUUID(), true)).rejects.toMatchObject({ rule: 'incomplete' });
    const done = await surveys.answer(communicationId, answers, 'web', 'client:web', randomUUID(), true);
    expect(done.response.completed).toBe(true);
    await expect(
      surveys.answer(communicationId, [{ questionId: 'score', answer: { kind: 'rating', value: 5 } }], 'web', 'client:web', randomUUID(), true),
    ).rejects.toBeInstanceOf(SurveyResponseError);
  });

  it('counts the results by question: distribution, average, CSAT, response rate and free text', async () => {
    await until('the results read model', async () => {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_survey_responses WHERE completed_at IS NOT NULL');
      return Number(rows[0].n) === 3;
    });
    const results = await surveys.results('after-visit', { department });
    expect(results).toMatchObject({ sent: 3, answered: 3, completed: 3, responseRate: 100 });
    const score = results.questions.find((q) => q.questionId === 'score');
    expect(score?.distribution.map((d) => d.count)).toEqual([0, 1, 0, 1, 1]);
    expect(score).toMatchObject({ answered: 3, average: 3.67, csat: 66.7 });
    expect(results.questions.find((q) => q.questionId === 'why')?.distribution).toEqual([
      { value: 'speed', label: t('Speed'), count: 1 },
      { value: 'care', label: t('Care'), count: 2 },
    ]);
    expect((await surveys.freeText('after-visit', {}, { limit: 10, offset: 0 })).map((a) => a.text)).toEqual(['The technician came late.']);
    expect((await surveys.results('after-visit', { departments: ['elsewhere'] })).sent).toBe(0);
  });

  it('sends the department’s CSAT survey once when a request closes, also when the closure is handled again', async () => {
    const intakeDepartment = config.intake.department;
    await surveys.setSetting(intakeDepartment, { csatEnabled: true, questionnaireId: 'csat' }, undefined, change);
    const chat = '515151';
    const opened = await intake.receive({
      channel: 'telegram',
      messageId: randomUUID(),
      contact: { channel: 'telegram', address: chat },
      text: 'The lift is broken',
      receivedAt: new Date(),
    });
    await app
      .get(CommandBus)
      .execute(
        new ExecuteRequestCommand(
          opened.requestId,
          { type: 'CloseRequest', reason: 'fixed', by: 'hd.user', now: new Date() },
          { commandId: randomUUID(), origin: 'user' },
        ),
      );
    const csat = () => sentTo(chat).filter((s) => s.message.text.includes('1 to 5') || s.buttons?.length);
    await until('the CSAT survey', async () => csat().length === 1);
    expect(csat()[0].buttons?.[0]).toHaveLength(5);

    // The closure handled again (a lost checkpoint, a second notifier): the same survey, nothing new.
    let closed: RecordedEvent | undefined;
    for await (const e of store.readStream(requestStreamId(opened.requestId))) if (e.type === 'RequestClosed') closed = e;
    await new ClosureSurveyProcessManager(store, surveys).handle(closed as RecordedEvent);
    const surveysOfRequest = `SELECT count(*)::int AS n FROM eventstore.events
       WHERE event_type = 'SurveyOpened' AND data->>'requestId' = $1`;
    expect((await pool.query<{ n: number }>(surveysOfRequest, [opened.requestId])).rows[0].n).toBe(1);
    const requested = `SELECT count(*)::int AS n FROM eventstore.events
       WHERE event_type = 'CommunicationRequested' AND data->'origin'->>'kind' = 'survey' AND data->>'address' = $1`;
    expect((await pool.query<{ n: number }>(requested, [chat])).rows[0].n).toBe(1);
  });
});
