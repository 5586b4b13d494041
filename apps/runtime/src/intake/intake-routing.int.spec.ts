import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { ClientIdentification } from '@switchboard/customers';
import { CLIENT_RESOLVER, INTAKE_LEDGER, INTAKE_OPTIONS, IntakeService, ROUTING_RULES, RoutingRulesAdmin } from '@switchboard/service-desk';
import type { ClientResolver, InboundContact, IntakeLedger, IntakeOptions, RoutingRuleSource } from '@switchboard/service-desk';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { IntakeModule } from './intake.module';

const manager: Principal = {
  userId: 'hd-manager-south',
  username: 'hd.manager.south',
  roles: ['HelpDeskManager'],
  departments: ['first-line-south'],
  workGroups: [],
};

/**
 * Routing at intake, on both paths: contacts group-committed (PostgreSQL) and contact by contact
 * (as on EventStoreDB, or a batch that fell back). The first matching rule chooses the department,
 * priority and tags and is recorded in the registration; no match leaves INTAKE_DEPARTMENT.
 */
describe('intake routing', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let admin: RoutingRulesAdmin;
  let grouped: IntakeService;
  let alone: IntakeService;

  const inbound = (channel: InboundContact['channel'], text: string, extra: Partial<InboundContact> = {}): InboundContact => ({
    channel,
    messageId: `m-${randomUUID()}`,
    contact: { channel, address: randomUUID() },
    text,
    receivedAt: new Date('2026-12-06T10:00:00Z'),
    ...extra,
  });

  async function registrationOf(requestId: string): Promise<Record<string, unknown>> {
    for await (const e of store.readStream(`request-${requestId}`, { maxCount: 1 })) return e.data as Record<string, unknown>;
    throw new Error(`no request ${requestId}`);
  }

  beforeAll(async () => {
    db = await createTestDatabase('intake_routing');
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
    class IntakeRoutingTestModule {}
    app = await NestFactory.create(IntakeRoutingTestModule, { logger: ['error'] });
    await applyMigrations(app.get(MikroORM), app.get<Pool>(PG_POOL));
    await app.init();
    grouped = app.get(IntakeService);
    // The same service without a batch ledger: every contact on its own, as on EventStoreDB.
    alone = new IntakeService(
      app.get(CommandBus),
      app.get<IntakeLedger>(INTAKE_LEDGER),
      app.get<ClientResolver>(CLIENT_RESOLVER),
      app.get<IntakeOptions>(INTAKE_OPTIONS),
      undefined,
      app.get<RoutingRuleSource>(ROUTING_RULES),
    );
    store = app.get<EventStore>(EVENT_STORE);
    admin = app.get(RoutingRulesAdmin);
    await admin.create(manager, randomUUID(), {
      name: 'Billing on the ESB',
      enabled: true,
      conditions: { esbSources: ['billing'] },
      outcome: { department: 'first-line-south', priority: 'P2' },
    });
    await admin.create(manager, randomUUID(), {
      name: 'Outage words',
      enabled: true,
      conditions: { channels: ['telegram', 'sms'], pattern: 'no (internet|signal)', keywords: [] },
      outcome: { department: 'first-line-south', priority: 'P1', tags: ['outage'] },
    });
    await admin.create(manager, randomUUID(), {
      name: 'Key accounts',
      enabled: true,
      conditions: { channels: ['sms'], clientInns: ['7707083893'] },
      outcome: { department: 'first-line-south', priority: 'P2', tags: ['key-account'] },
    });
    await admin.create(manager, randomUUID(), {
      name: 'VIP clients',
      enabled: true,
      conditions: { channels: ['sms'], clientTags: ['vip'] },
      outcome: { department: 'first-line-south', priority: 'P1', tags: ['vip'] },
    });
    await admin.create(manager, randomUUID(), {
      name: 'Companies by SMS',
      enabled: true,
      conditions: { channels: ['sms'], clientKinds: ['legal-entity'] },
      outcome: { department: 'first-line-south', tags: ['company'] },
    });
    await admin.create(manager, randomUUID(), {
      name: 'Short number 7726',
      enabled: true,
      conditions: { recipients: ['7726'] },
      outcome: { department: 'first-line-south', tags: ['short-number'] },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe.each([
    ['group commit', () => grouped],
    ['contact by contact', () => alone],
  ])('%s', (_, intake) => {
    it('routes a contact by the first rule that matches and records the rule in its registration', async () => {
      const { requestId, registered } = await intake().receive(inbound('telegram', 'Hello, NO INTERNET since morning'));
      expect(registered).toBe(true);
      const rules = (await admin.list()).rules;
      expect(await registrationOf(requestId)).toMatchObject({
        department: 'first-line-south',
        priority: 'P1',
        tags: ['outage'],
        routedBy: { ruleId: rules[1].id, ruleName: 'Outage words' },
      });
    });

    it('routes by the ESB source and by the number an SMS was sent to', async () => {
      const esb = await intake().receive(
        inbound('esb', 'Payment failed', { contact: { channel: 'esb', address: 'billing' }, messageId: `esb-${randomUUID()}` }),
      );
      expect(await registrationOf(esb.requestId)).toMatchObject({
        department: 'first-line-south',
        priority: 'P2',
        routedBy: { ruleName: 'Billing on the ESB' },
      });
      const sms = await intake().receive(inbound('sms', 'Hello', { recipient: '7726' }));
      expect(await registrationOf(sms.requestId)).toMatchObject({
        department: 'first-line-south',
        tags: ['short-number'],
        routedBy: { ruleName: 'Short number 7726' },
      });
    });

    it('routes by what the identified client is: a particular legal entity, any legal entity, a tag, never a plain person', async () => {
      const identification = app.get(ClientIdentification);
      const company = async (inn: string, tags: string[] = []) => {
        const phone = `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
        await identification.identify({
          phone,
          newClient: { firstName: 'Ivan', lastName: 'Petrov', phone, tags, ...(inn ? { inn, organisation: 'ООО Ромашка' } : {}) },
          now: new Date(),
          newId: randomUUID,
        });
        return phone;
      };
      const viaSms = async (phone: string) => registrationOf((await intake().receive(inbound('sms', 'Hello', { client: { phone } }))).requestId);
      expect(await viaSms(await company('7707083893'))).toMatchObject({ tags: ['key-account'], routedBy: { ruleName: 'Key accounts' } });
      expect(await viaSms(await company('7736207543'))).toMatchObject({ tags: ['company'], routedBy: { ruleName: 'Companies by SMS' } });
      expect(await viaSms(await company(''))).not.toHaveProperty('routedBy');
      expect(await viaSms(await company('', ['VIP']))).toMatchObject({ priority: 'P1', tags: ['vip'], routedBy: { ruleName: 'VIP clients' } });
    });

    it('leaves a contact no rule matches to INTAKE_DEPARTMENT, with no rule recorded', async () => {
      const { requestId } = await intake().receive(inbound('telegram', 'My TV box shows no channels'));
      const registration = await registrationOf(requestId);
      expect(registration).toMatchObject({ department: 'first-line-north' });
      expect(registration).not.toHaveProperty('routedBy');
      expect(registration).not.toHaveProperty('priority');
    });

    it('routes only a new request: a later message joins the open request where it is', async () => {
      const first = inbound('telegram', 'Hello');
      const { requestId } = await intake().receive(first);
      const later = await intake().receive({ ...first, messageId: `m-${randomUUID()}`, text: 'no internet now either' });
      expect(later).toMatchObject({ requestId, registered: false });
      expect(await registrationOf(requestId)).toMatchObject({ department: 'first-line-north' });
    });
  });

  it('applies a change of the rules at once in the process that made it', async () => {
    const before = await admin.list();
    const outage = before.rules[1];
    await admin.update(manager, outage.id, { ...outage, enabled: false }, outage.version);
    const { requestId } = await grouped.receive(inbound('telegram', 'no internet again'));
    expect(await registrationOf(requestId)).toMatchObject({ department: 'first-line-north' });
    await admin.update(manager, outage.id, { ...outage, enabled: true }, outage.version + 1);
    const routed = await alone.receive(inbound('telegram', 'no internet again'));
    expect(await registrationOf(routed.requestId)).toMatchObject({ department: 'first-line-south' });
  });
});
