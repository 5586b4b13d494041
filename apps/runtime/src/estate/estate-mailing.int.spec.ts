import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Communications, CommunicationTemplates, Mailings } from '@switchboard/communications';
import type { DispatchContextSource } from '@switchboard/communications';
import type { MailingAudience } from '@switchboard/communications/domain';
import { PostgresCommunicationTemplateStore, PostgresMailingStore, PostgresRateLimitLedger } from '@switchboard/communications/infrastructure';
import { EstateResidents, Residencies } from '@switchboard/estate';
import { PostgresEstateStore } from '@switchboard/estate/infrastructure';
import type { EventStore } from '@switchboard/eventstore';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';

/** The value a step of the test needs; a missing one fails the test here. */
const must = <T>(value: T | undefined | null): T => {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
};

/**
 * Building-wide notices: a mailing whose audience is a site, building or entrance reaches the clients
 * living there when it starts — asked of the estate's facade, never its tables.
 */
describe('mailings to the residents of a site, building or entrance', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  let mailings: Mailings;
  const place = {} as Record<'site' | 'building' | 'otherBuilding' | 'entrance1' | 'entrance2', string>;
  const people = {} as Record<'inEntrance1' | 'movedOut' | 'inEntrance2' | 'elsewhere', string>;
  const by = 'comms.admin';
  const user = () => ({ commandId: randomUUID(), origin: 'user' as const });
  const contexts: DispatchContextSource = {
    contextFor: async () => {
      throw new Error('not dispatched in this test');
    },
  };

  const recipientsOf = async (audience: MailingAudience): Promise<string[]> => {
    const mailing = await mailings.create(
      { name: 'Water off', department: 'first-line-north', audience, templateId: 'notice', communicationType: 'mass', perMinute: 100 },
      by,
      user(),
    );
    await mailings.start(mailing.id, by, user());
    const { rows } = await pool.query<{ client_id: string }>('SELECT client_id FROM mailing_recipients WHERE mailing_id = $1 ORDER BY client_id', [mailing.id]);
    return rows.map((r) => r.client_id);
  };

  beforeAll(async () => {
    db = await createTestDatabase('estate_mailing');
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
      ],
    })
    class EstateMailingTestModule {}
    app = await NestFactory.create(EstateMailingTestModule, { logger: ['error'] });
    pool = app.get<Pool>(PG_POOL);
    await applyMigrations(app.get(MikroORM), pool);
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    const templates = new CommunicationTemplates(new PostgresCommunicationTemplateStore(pool));
    await templates.create('notice', { name: 'Notice', communicationType: 'mass', bodies: { ru: 'Отключение воды', en: 'Water off' } }, by);
    const estate = new PostgresEstateStore(pool);
    mailings = new Mailings(
      store,
      new PostgresMailingStore(pool),
      new Communications(store, contexts, new PostgresRateLimitLedger(pool), []),
      templates,
      new EstateResidents(estate),
    );

    const all = { all: true } as const;
    place.site = (await estate.createSite({ id: randomUUID(), slug: 'river-park', name: 'River Park', address: '' }, { by })).id;
    place.building = must(await estate.createBuilding(all, { id: randomUUID(), siteId: place.site, name: 'House 1', address: '' }, { by })).id;
    place.otherBuilding = must(await estate.createBuilding(all, { id: randomUUID(), siteId: place.site, name: 'House 2', address: '' }, { by })).id;
    place.entrance1 = must(await estate.createEntrance(all, place.site, { id: randomUUID(), buildingId: place.building, number: '1' }, { by })).id;
    place.entrance2 = must(await estate.createEntrance(all, place.site, { id: randomUUID(), buildingId: place.building, number: '2' }, { by })).id;
    const otherEntrance = must(await estate.createEntrance(all, place.site, { id: randomUUID(), buildingId: place.otherBuilding, number: '1' }, { by })).id;
    const unit = async (buildingId: string, entranceId: string, number: string) =>
      must(await estate.createUnit(all, place.site, { id: randomUUID(), buildingId, entranceId, number, type: 'apartment', floor: 1 }, { by })).id;
    const [u1, u2, u3] = [
      await unit(place.building, place.entrance1, '1'),
      await unit(place.building, place.entrance2, '2'),
      await unit(place.otherBuilding, otherEntrance, '1'),
    ];
    let n = 0;
    for (const key of ['inEntrance1', 'movedOut', 'inEntrance2', 'elsewhere'] as const) {
      people[key] = randomUUID();
      n += 1;
      await pool.query(`INSERT INTO customers_clients (id, first_name, last_name, phone, name_key) VALUES ($1, 'Resident', $2, $3, $2)`, [
        people[key],
        key,
        `+7901000000${n}`,
      ]);
    }
    const residencies = new Residencies(estate);
    const live = (unitId: string, clientId: string, to?: string) =>
      residencies.save(all, { id: randomUUID(), unitId, clientId, relation: 'resident', from: '2020-01-01', ...(to ? { to } : {}) }, { by });
    await live(u1, people.inEntrance1);
    await live(u1, people.movedOut, '2021-12-31');
    await live(u2, people.inEntrance2);
    await live(u3, people.elsewhere);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reaches the clients living in the entrance now, not those who moved out', async () => {
    expect(await recipientsOf({ estate: { entranceId: place.entrance1 } })).toEqual([people.inEntrance1]);
  });

  it('reaches a whole building, and a whole site', async () => {
    expect(await recipientsOf({ estate: { buildingId: place.building } })).toEqual([people.inEntrance1, people.inEntrance2].sort());
    expect(await recipientsOf({ estate: { siteId: place.site } })).toEqual([people.inEntrance1, people.inEntrance2, people.elsewhere].sort());
  });

  it('combines with the other filters: every filter given must hold', async () => {
    await pool.query(`UPDATE customers_clients SET tags = ARRAY['vip'] WHERE id = $1`, [people.inEntrance2]);
    expect(await recipientsOf({ estate: { buildingId: place.building }, tags: { match: 'any', values: ['vip'] } })).toEqual([people.inEntrance2]);
  });
});
