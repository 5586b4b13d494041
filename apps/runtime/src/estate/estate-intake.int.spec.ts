import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Residencies } from '@switchboard/estate';
import { PostgresEstateStore } from '@switchboard/estate/infrastructure';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { IntakeService } from '@switchboard/service-desk';
import type { InboundContact } from '@switchboard/service-desk';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntakeModule } from '../intake/intake.module';

/** A request from a channel is registered for the client's unit when the client holds exactly one today. */
describe('intake infers the unit of a request', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let intake: IntakeService;
  let store: EventStore;
  let pool: Pool;
  const place = {} as Record<'building' | 'unit' | 'parking', string>;
  const all = { all: true } as const;
  const by = 'test';

  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('expected a value');
    return value;
  };
  const sms = (phone: string): InboundContact => ({
    channel: 'sms',
    messageId: `sms-${randomUUID()}`,
    contact: { channel: 'sms', address: phone },
    client: { phone },
    text: 'The radiator is cold',
    receivedAt: new Date(),
  });
  const registration = async (requestId: string) => {
    for await (const e of store.readStream(`request-${requestId}`))
      if (e.type === 'RequestRegistered') return e.data as { unitId?: string; buildingId?: string; siteSlug?: string };
    throw new Error('not registered');
  };
  const client = async (phone: string) => {
    const id = randomUUID();
    await pool.query(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key) VALUES ($1, 'Resident', $2, $3, $2)`, [id, phone, phone]);
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('estate_intake');
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
    class EstateIntakeTestModule {}
    app = await NestFactory.create(EstateIntakeTestModule, { logger: ['error'] });
    pool = app.get<Pool>(PG_POOL);
    await applyMigrations(app.get(MikroORM), pool);
    await app.init();
    intake = app.get(IntakeService);
    store = app.get<EventStore>(EVENT_STORE);

    const estate = new PostgresEstateStore(pool);
    const site = (await estate.createSite({ id: randomUUID(), slug: 'river-park', name: 'River Park', address: '' }, { by })).id;
    place.building = must(await estate.createBuilding(all, { id: randomUUID(), siteId: site, name: 'House 1', address: '' }, { by })).id;
    const entrance = must(await estate.createEntrance(all, site, { id: randomUUID(), buildingId: place.building, number: '1' }, { by })).id;
    const unit = async (number: string, type: 'apartment' | 'parking') =>
      must(await estate.createUnit(all, site, { id: randomUUID(), buildingId: place.building, entranceId: entrance, number, type, floor: 1 }, { by })).id;
    place.unit = await unit('12', 'apartment');
    place.parking = await unit('P-1', 'parking');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('registers the request for the only unit the client holds, with its building and site', async () => {
    const residencies = new Residencies(new PostgresEstateStore(pool));
    const owner = await client('+79160000101');
    await residencies.save(all, { id: randomUUID(), unitId: place.unit, clientId: owner, relation: 'owner', from: '2020-01-01' }, { by });
    await residencies.save(all, { id: randomUUID(), unitId: place.unit, clientId: owner, relation: 'resident', from: '2020-01-01' }, { by });
    const received = await intake.receive(sms('+79160000101'));
    expect(await registration(received.requestId)).toMatchObject({ unitId: place.unit, buildingId: place.building, siteSlug: 'river-park' });
  });

  it('leaves the unit for the operator when the client holds several, or held one only in the past', async () => {
    const residencies = new Residencies(new PostgresEstateStore(pool));
    const several = await client('+79160000102');
    await residencies.save(all, { id: randomUUID(), unitId: place.unit, clientId: several, relation: 'tenant', from: '2020-01-01' }, { by });
    await residencies.save(all, { id: randomUUID(), unitId: place.parking, clientId: several, relation: 'tenant', from: '2020-01-01' }, { by });
    const movedOut = await client('+79160000103');
    await residencies.save(all, { id: randomUUID(), unitId: place.unit, clientId: movedOut, relation: 'tenant', from: '2020-01-01', to: '2021-01-01' }, { by });

    for (const phone of ['+79160000102', '+79160000103']) {
      const registered = await registration((await intake.receive(sms(phone))).requestId);
      expect(registered.unitId).toBeUndefined();
      expect(registered.buildingId).toBeUndefined();
    }
  });
});
