import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import { FileStorage, MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { InvitationLedger, PortalInvitations, PortalNotFoundError, PortalRuleError, ResidentsPortal } from '@switchboard/portal';
import type { Resident } from '@switchboard/portal';
import { Residencies } from '@switchboard/estate';
import { PostgresEstateStore } from '@switchboard/estate/infrastructure';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { PortalModule } from './portal.module';

const must = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('not created');
  return value;
};
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

describe('residents’ portal', () => {
  let db: TestDatabase;
  let files: string;
  let app: INestApplication;
  let portal: ResidentsPortal;
  let store: EventStore;
  let pool: Pool;
  const clientId = randomUUID();
  const otherClientId = randomUUID();
  const unit45 = randomUUID();
  const formerParking = randomUUID();
  const EVERY_SITE = { all: true } as const;

  const principal = (userId = randomUUID()): Principal => ({
    userId,
    username: `resident-${userId.slice(0, 8)}`,
    roles: ['Resident'],
    departments: [],
    workGroups: [],
  });

  async function requestStreams(): Promise<string[]> {
    const ids = new Set<string>();
    for await (const e of store.readAll({ filter: { eventTypes: ['RequestRegistered'] } })) ids.add(e.streamId);
    return [...ids];
  }

  async function residentOf(client: string, account = principal()): Promise<Resident> {
    await pool.query("INSERT INTO portal_accounts (subject, client_id, linked_via, linked_at) VALUES ($1, $2, 'realm', now())", [account.userId, client]);
    return portal.resident(account);
  }

  beforeAll(async () => {
    db = await createTestDatabase('portal');
    files = await mkdtemp(join(tmpdir(), 'switchboard-portal-files-'));
    const config = loadConfig({ DATABASE_URL: db.url, FILE_STORAGE_DIR: files }, { httpPort: 1, allowsEmbeddedDatabase: false });
    @Module({
      imports: [
        CoreModule.forRoot({
          role: { name: 'test', dependencies: [] },
          config,
          databaseUrl: db.url,
          identityBaseUrl: 'http://127.0.0.1:1/dev-idp',
          metrics: new MetricsRegistry('test'),
        }),
        PortalModule,
      ],
    })
    class PortalTestModule {}
    app = await NestFactory.create(PortalTestModule, { logger: ['error'] });
    pool = app.get<Pool>(PG_POOL);
    await applyMigrations(app.get(MikroORM), pool);
    await app.init();
    portal = app.get(ResidentsPortal);
    store = app.get<EventStore>(EVENT_STORE);
    for (const [id, phone] of [
      [clientId, '+79990000001'],
      [otherClientId, '+79990000002'],
    ]) {
      await app.get<CustomersRepository>(CUSTOMERS_REPOSITORY, { strict: false }).upsertClient({ id, firstName: 'Anna', lastName: 'Volkova', phone });
    }
    // The client's units are the estate's residents: an apartment held today (as owner and as resident), a parking space held no more.
    const estate = new PostgresEstateStore(pool);
    const audit = { by: 'test' };
    const site = (await estate.createSite({ id: randomUUID(), slug: 'river-park', name: 'River Park', address: '' }, audit)).id;
    const building = must(await estate.createBuilding(EVERY_SITE, { id: randomUUID(), siteId: site, name: 'Building 2', address: '' }, audit)).id;
    const entrance = must(await estate.createEntrance(EVERY_SITE, site, { id: randomUUID(), buildingId: building, number: '1' }, audit)).id;
    for (const [id, number, type] of [
      [unit45, '45', 'apartment'],
      [formerParking, 'P-3', 'parking'],
    ] as const) {
      await estate.createUnit(EVERY_SITE, site, { id, buildingId: building, entranceId: entrance, number, type, floor: 1 }, audit);
    }
    const residencies = new Residencies(estate);
    for (const [unitId, relation, from, to] of [
      [unit45, 'owner', '2020-01-01', undefined],
      [unit45, 'resident', '2020-01-01', undefined],
      [formerParking, 'tenant', '2020-01-01', '2021-12-31'],
    ] as const) {
      await residencies.save(EVERY_SITE, { id: randomUUID(), unitId, clientId, relation, from, ...(to ? { to } : {}) }, audit);
    }
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('offers the units the estate says the client holds today, each once', async () => {
    const resident = await residentOf(clientId);
    expect(await portal.unitsOf(resident)).toEqual([{ unitId: unit45, label: 'River Park, Building 2, 45', siteSlug: 'river-park' }]);
    await expect(
      portal.orderPass(
        resident,
        {
          unitId: formerParking,
          kind: 'one-time',
          visitorName: 'Old Friend',
          validFrom: new Date(),
          validUntil: new Date(Date.now() + 3_600_000),
        },
        { commandId: randomUUID(), origin: 'user' },
      ),
    ).rejects.toBeInstanceOf(PortalNotFoundError);
  });

  it('stores a submission once when it is retried with the same Idempotency-Key, the photo with it', async () => {
    const resident = await residentOf(clientId);
    const { fileId } = await app.get(FileStorage).put(jpeg, { contentType: 'image/jpeg', name: 'leak.jpg', owner: resident.principal.userId });
    const before = (await requestStreams()).length;
    const key = randomUUID();
    const submission = { unitId: unit45, text: 'Water leaks from the ceiling\nin the bathroom', fileIds: [fileId] };

    const first = await portal.submit(resident, submission, key);
    const retry = await portal.submit(resident, submission, key);

    expect(first).toMatchObject({ registered: true, duplicate: false });
    expect(retry).toMatchObject({ requestId: first.requestId, duplicate: true });
    expect((await requestStreams()).length).toBe(before + 1);
    const events = [];
    for await (const e of store.readStream(`request-${first.requestId}`)) events.push(e);
    const registered = events.find((e) => e.type === 'RequestRegistered')?.data as Record<string, unknown>;
    expect(registered).toMatchObject({
      clientId,
      subject: 'River Park, Building 2, 45: Water leaks from the ceiling',
      contact: { channel: 'portal' },
    });
    const messages = events.filter((e) => e.type === 'MessageReceived').map((e) => e.data);
    expect(messages).toEqual([
      expect.objectContaining({ channel: 'portal', text: submission.text, attachments: [{ kind: 'photo', fileId: `portal:${fileId}`, name: 'leak.jpg' }] }),
    ]);
  });

  it('stores two concurrent submissions with the same key as one request', async () => {
    const resident = await residentOf(clientId);
    const before = (await requestStreams()).length;
    const key = randomUUID();
    const submission = { unitId: unit45, text: 'The lift is stuck', fileIds: [] };
    const [a, b] = await Promise.all([portal.submit(resident, submission, key), portal.submit(resident, submission, key)]);
    expect(a.requestId).toBe(b.requestId);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect((await requestStreams()).length).toBe(before + 1);
  });

  it('makes every submission a request of its own, and two residents’ equal keys two requests', async () => {
    const anna = await residentOf(clientId);
    const neighbour = await residentOf(clientId);
    const key = randomUUID();
    const one = await portal.submit(anna, { unitId: unit45, text: 'Noise at night', fileIds: [] }, key);
    const two = await portal.submit(anna, { unitId: unit45, text: 'Broken door', fileIds: [] }, randomUUID());
    const three = await portal.submit(neighbour, { unitId: unit45, text: 'Noise at night', fileIds: [] }, key);
    expect(new Set([one.requestId, two.requestId, three.requestId]).size).toBe(3);
  });

  it('refuses a unit, a file or a request that is not the resident’s', async () => {
    const resident = await residentOf(clientId);
    const stranger = await residentOf(otherClientId);
    await expect(portal.submit(stranger, { unitId: unit45, text: 'Not my flat', fileIds: [] }, randomUUID())).rejects.toBeInstanceOf(PortalNotFoundError);
    const { fileId } = await app.get(FileStorage).put(jpeg, { contentType: 'image/jpeg', owner: stranger.principal.userId });
    await expect(portal.submit(resident, { unitId: unit45, text: 'Someone else’s photo', fileIds: [fileId] }, randomUUID())).rejects.toBeInstanceOf(
      PortalNotFoundError,
    );
    const mine = await portal.submit(resident, { unitId: unit45, text: 'Mine', fileIds: [] }, randomUUID());
    await expect(portal.reply(stranger, mine.requestId, 'Let me in', [], { commandId: randomUUID(), origin: 'user' })).rejects.toBeInstanceOf(
      PortalNotFoundError,
    );
  });

  it('adds a resident’s reply to their request once per key', async () => {
    const resident = await residentOf(clientId);
    const { requestId } = await portal.submit(resident, { unitId: unit45, text: 'No hot water', fileIds: [] }, randomUUID());
    const envelope = { commandId: randomUUID(), origin: 'user' as const };
    const first = await portal.reply(resident, requestId, 'Still none this morning', [], envelope);
    const again = await portal.reply(resident, requestId, 'Still none this morning', [], envelope);
    expect(first.appended).toBe(true);
    expect(again.appended).toBe(false);
    const texts: string[] = [];
    for await (const e of store.readStream(`request-${requestId}`)) if (e.type === 'MessageReceived') texts.push((e.data as { text: string }).text);
    expect(texts).toEqual(['No hot water', 'Still none this morning']);
  });

  it('links an account by an invitation token once; another account cannot use it again', async () => {
    const invitations = app.get(PortalInvitations);
    const sent = await invitations.invite(clientId, 'sms', 'concierge.river-park', { commandId: randomUUID(), origin: 'user' });
    const token = decodeURIComponent(sent.link.split('/invite/')[1]);
    const anna = principal();
    expect(await invitations.accept(token, anna.userId)).toEqual({ clientId });
    expect(await invitations.accept(token, anna.userId)).toEqual({ clientId });
    expect((await portal.resident(anna)).client.id).toBe(clientId);
    await expect(invitations.accept(token, randomUUID())).rejects.toMatchObject({ rule: 'invitation-used' });
    await expect(invitations.accept(`${token.slice(0, -2)}xx`, randomUUID())).rejects.toBeInstanceOf(PortalRuleError);
    expect(await app.get(InvitationLedger).secret()).toMatch(/^[0-9a-f]{64}$/);
  });
});
