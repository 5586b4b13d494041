import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CoreModule, EVENT_STORE, PG_POOL, ServiceDeskModule, applyMigrations } from '@switchboard/app-runtime';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import type { Client, Order } from '@switchboard/customers/domain';
import type { EventStore } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import {
  ClientQueries,
  IncidentQueries,
  OrderQueries,
  ProjectionPositions,
  ReadModelQueriesModule,
  RequestQueries,
  SavedFilters,
} from '@switchboard/read-models';
import { ExecuteIncidentCommand, ExecuteRequestCommand } from '@switchboard/service-desk';
import type { CommandEnvelope, CommandResult } from '@switchboard/service-desk';
import type { IncidentCommand, RequestCommand } from '@switchboard/service-desk/domain';
import { randomUUID } from 'node:crypto';
import { ProjectorModule } from '../projector.module';

/** Realm users (deploy/keycloak/switchboard-realm.json) as the API would see them. */
const principal = (userId: string, username: string, roles: Principal['roles'], groups: { departments?: string[]; workGroups?: string[] } = {}): Principal => ({
  userId,
  username,
  roles,
  departments: groups.departments ?? [],
  workGroups: groups.workGroups ?? [],
});

export const people = {
  hdUserNorth: principal('5b0a0000-0000-4000-8000-000000000111', 'hd.user.north', ['HelpDeskUser'], { departments: ['first-line-north'] }),
  hdUserNorth2: principal('5b0a0000-0000-4000-8000-000000000112', 'hd.user.north2', ['HelpDeskUser'], { departments: ['first-line-north'] }),
  hdUserSouth: principal('5b0a0000-0000-4000-8000-000000000121', 'hd.user.south', ['HelpDeskUser'], { departments: ['first-line-south'] }),
  hdManagerNorth: principal('5b0a0000-0000-4000-8000-000000000101', 'hd.manager.north', ['HelpDeskManager'], { departments: ['first-line-north'] }),
  hdManagerSouth: principal('5b0a0000-0000-4000-8000-000000000102', 'hd.manager.south', ['HelpDeskManager'], { departments: ['first-line-south'] }),
  l3UserNetwork: principal('5b0a0000-0000-4000-8000-000000000211', 'l3.user.network', ['SL3User'], { workGroups: ['network-l3'] }),
  l3UserNetwork2: principal('5b0a0000-0000-4000-8000-000000000212', 'l3.user.network2', ['SL3User'], { workGroups: ['network-l3'] }),
  l3ManagerNetwork: principal('5b0a0000-0000-4000-8000-000000000201', 'l3.manager.network', ['SL3Manager'], { workGroups: ['network-l3'] }),
  l3ManagerBilling: principal('5b0a0000-0000-4000-8000-000000000202', 'l3.manager.billing', ['SL3Manager'], { workGroups: ['billing-l3'] }),
} satisfies Record<string, Principal>;

export const clients: Client[] = [
  {
    id: '7c1e0000-0000-4000-8000-000000000001',
    firstName: 'Ivan',
    lastName: 'Petrov',
    middleName: 'Sergeevich',
    phone: '+79161234567',
    email: 'ivan.petrov@example.com',
  },
  { id: '7c1e0000-0000-4000-8000-000000000002', firstName: 'Maria', lastName: 'Sokolova', phone: '+79035550101' },
  {
    id: '7c1e0000-0000-4000-8000-000000000003',
    firstName: 'Oleg',
    lastName: 'Kuznetsov',
    phone: '+74951112233',
    inn: '7707083893',
    organisation: 'Stroymontazh LLC',
  },
  { id: '7c1e0000-0000-4000-8000-000000000004', firstName: 'Семён', lastName: 'Фёдоров', phone: '+79161110000' },
];

export const orders: Order[] = [
  {
    id: '0d0e0000-0000-4000-8000-000000000001',
    code: 'ORD-100001',
    name: 'Fibre 500 Mbit/s',
    cost: '890.00',
    createdAt: new Date('2026-01-15T09:00:00Z'),
    clientId: clients[0].id,
  },
  {
    id: '0d0e0000-0000-4000-8000-000000000002',
    code: 'ORD-100002',
    name: 'Static IP address',
    cost: '150.00',
    createdAt: new Date('2026-02-01T12:30:00Z'),
    clientId: clients[0].id,
  },
  {
    id: '0d0e0000-0000-4000-8000-000000000003',
    code: 'ORD-100003',
    name: 'IP telephony, 10 lines',
    cost: '4200.00',
    createdAt: new Date('2026-03-10T08:15:00Z'),
    clientId: clients[2].id,
  },
  {
    id: '0d0e0000-0000-4000-8000-000000000004',
    code: 'ORD-100004',
    name: 'Fibre 100 Mbit/s',
    cost: '490.00',
    createdAt: new Date('2026-04-22T17:45:00Z'),
    clientId: clients[1].id,
  },
];

export interface ReadModelsTestApp {
  readonly app: INestApplication;
  readonly db: TestDatabase;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly metrics: MetricsRegistry;
  readonly positions: ProjectionPositions;
  readonly requests: RequestQueries;
  readonly incidents: IncidentQueries;
  readonly clients: ClientQueries;
  readonly orders: OrderQueries;
  readonly savedFilters: SavedFilters;
  onRequest(id: string, command: RequestCommand, envelope?: CommandEnvelope): Promise<CommandResult>;
  onIncident(id: string, command: IncidentCommand, envelope?: CommandEnvelope): Promise<CommandResult>;
  /** Waits until every read-model projection has passed the position (fails the test if not within 10 s). */
  settled(position: string | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition the API will have: core, the service-desk commands, the projector and the
 * read-model queries, on a database of this test file's own with the real migrations.
 */
export async function startReadModelsTestApp(label: string): Promise<ReadModelsTestApp> {
  const db = await createTestDatabase(label);
  const config = loadConfig({ DATABASE_URL: db.url }, { httpPort: 1, allowsEmbeddedDatabase: false });
  const metrics = new MetricsRegistry('test');
  @Module({
    imports: [
      CoreModule.forRoot({ role: { name: 'test', dependencies: [] }, config, databaseUrl: db.url, identityBaseUrl: 'http://127.0.0.1:1/dev-idp', metrics }),
      ServiceDeskModule,
      ProjectorModule,
      ReadModelQueriesModule.forRoot({ pool: PG_POOL }),
    ],
  })
  class ReadModelsTestModule {}
  const app = await NestFactory.create(ReadModelsTestModule, { logger: ['error'] });
  const pool = app.get<Pool>(PG_POOL);
  // pool.end() resolves before its sockets close; dropping the database then kills them, and an
  // idle client's error without a listener would fail the run (the core module sets none).
  pool.on('error', () => undefined);
  await applyMigrations(app.get(MikroORM), pool);
  const catalogue = app.get<CatalogueRepository>(CATALOGUE_REPOSITORY);
  await catalogue.upsertWorkGroups([
    { code: 301, name: 'Network L3', email: 'network-l3@switchboard.example', managerId: people.l3ManagerNetwork.userId },
    { code: 302, name: 'Billing L3', email: 'billing-l3@switchboard.example', managerId: people.l3ManagerBilling.userId },
  ]);
  await catalogue.upsertServices([
    { code: 1001, name: 'Home internet', workGroupCode: 301 },
    { code: 1002, name: 'IP telephony', workGroupCode: 301 },
    { code: 2001, name: 'Invoices and payments', workGroupCode: 302 },
  ]);
  const customers = app.get<CustomersRepository>(CUSTOMERS_REPOSITORY);
  for (const client of clients) await customers.upsertClient(client);
  for (const order of orders) await customers.upsertOrder(order);
  await app.init();

  const commands = app.get(CommandBus);
  const positions = app.get(ProjectionPositions);
  const user = (): CommandEnvelope => ({ commandId: randomUUID(), origin: 'user' });
  return {
    app,
    db,
    pool,
    store: app.get<EventStore>(EVENT_STORE),
    metrics,
    positions,
    requests: app.get(RequestQueries),
    incidents: app.get(IncidentQueries),
    clients: app.get(ClientQueries),
    orders: app.get(OrderQueries),
    savedFilters: app.get(SavedFilters),
    onRequest: (id, command, envelope = user()) => commands.execute(new ExecuteRequestCommand(id, command, envelope)),
    onIncident: (id, command, envelope = user()) => commands.execute(new ExecuteIncidentCommand(id, command, envelope)),
    async settled(position) {
      if (position === null) return;
      if (!(await positions.waitFor(position, { timeoutMs: 10_000 }))) throw new Error(`read models did not pass ${position} within 10 s`);
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
