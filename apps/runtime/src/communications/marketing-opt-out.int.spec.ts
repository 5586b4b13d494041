import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { PostgresCommunicationPolicies } from '@switchboard/communications/infrastructure';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ContactIntake } from '@switchboard/service-desk';
import { CoreModule } from '../core.module';
import { PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntakeModule } from '../intake/intake.module';

/** "STOP" by SMS and the Telegram "Unsubscribe" button through the real intake: opted out of marketing, recorded, and the message still stored. */
describe('communications: STOP opts the client out of marketing', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let intake: ContactIntake;
  let policies: PostgresCommunicationPolicies;
  const sms = { id: randomUUID(), phone: '+79031112233' };
  const telegram = { id: randomUUID(), phone: '+79034445566' };

  beforeAll(async () => {
    db = await createTestDatabase('communications_stop');
    const config = loadConfig({ DATABASE_URL: db.url }, { httpPort: 1, allowsEmbeddedDatabase: false });
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
      ],
    })
    class StopTestModule {}
    app = await NestFactory.create(StopTestModule, { logger: ['error'] });
    const pool = app.get<Pool>(PG_POOL);
    await applyMigrations(app.get(MikroORM), pool);
    await app.init();
    for (const [c, name] of [
      [sms, 'sms client'],
      [telegram, 'telegram client'],
    ] as const) {
      await pool.query(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key) VALUES ($1, 'A', 'B', $2, $3)`, [c.id, c.phone, name]);
    }
    intake = app.get(ContactIntake);
    policies = app.get(PostgresCommunicationPolicies, { strict: false });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('opts out on "СТОП" by SMS, records who and why, and still stores the message', async () => {
    const result = await intake.receive({
      channel: 'sms',
      messageId: randomUUID(),
      contact: { channel: 'sms', address: sms.phone },
      text: 'СТОП',
      receivedAt: new Date(),
    });
    expect(result.requestId).toBeTruthy();
    expect((await policies.availability(sms.id)).optedOut).toEqual(['marketing']);
    expect(await policies.availabilityHistory(sms.id)).toEqual([expect.objectContaining({ change: 'opted-out', by: 'client:sms', reason: '"СТОП" by SMS' })]);
    // Again: nothing new to record.
    await intake.receive({ channel: 'sms', messageId: randomUUID(), contact: { channel: 'sms', address: sms.phone }, text: 'stop', receivedAt: new Date() });
    expect(await policies.availabilityHistory(sms.id)).toHaveLength(1);
  });

  it('opts out on the Telegram Unsubscribe button of a chat linked to the client’s phone, and not on other messages', async () => {
    const base = {
      channel: 'telegram' as const,
      contact: { channel: 'telegram' as const, address: '555001' },
      receivedAt: new Date(),
      client: { phone: telegram.phone },
    };
    await intake.receive({ ...base, messageId: '1001', text: 'Please stop calling me at night' });
    expect((await policies.availability(telegram.id)).optedOut).toEqual([]);
    await intake.receive({ ...base, messageId: '1002', text: 'Unsubscribe' });
    expect((await policies.availability(telegram.id)).optedOut).toEqual(['marketing']);
    expect((await policies.availabilityHistory(telegram.id))[0]).toMatchObject({ by: 'client:telegram' });
  });
});
