import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import type { EventStore } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import {
  ConcurrencyConflictError,
  EntityNotFoundError,
  ExecuteIncidentCommand,
  OperatorCommands,
  QueueEmptyError,
  TAKE_NEXT_CLAIMS,
} from '@switchboard/service-desk';
import type { CommandEnvelope, TakeNextClaims } from '@switchboard/service-desk';
import { AlreadyTakenError, DomainRuleError, requestStreamId } from '@switchboard/service-desk/domain';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { loadDemoData } from '../demo/load-demo-data';
import { ServiceDeskModule } from './service-desk.module';

const hdManagerNorth: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000121',
  username: 'hd.manager.north',
  roles: ['HelpDeskManager'],
  departments: ['first-line-north'],
  workGroups: [],
};
const hdUserSouth: Principal = { userId: randomUUID(), username: 'hd.user.south', roles: ['HelpDeskUser'], departments: ['first-line-south'], workGroups: [] };
/** Twenty help-desk operators of the north department (taking needs no directory lookup: the taker is the token's user). */
const northOperators: Principal[] = Array.from({ length: 20 }, (_, n) => ({
  userId: randomUUID(),
  username: `hd.user.north.${n}`,
  roles: ['HelpDeskUser'],
  departments: ['first-line-north'],
  workGroups: [],
}));
const l3Network = (n: number): Principal => ({
  userId: randomUUID(),
  username: `l3.user.network.${n}`,
  roles: ['SL3User'],
  departments: [],
  workGroups: ['network-l3'],
});
const l3Billing: Principal = { userId: randomUUID(), username: 'l3.user.billing', roles: ['SL3User'], departments: [], workGroups: ['billing-l3'] };

/** Taking from the queues on the real event store: optimistic concurrency decides every race. */
describe('taking from the queues', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let operators: OperatorCommands;
  let store: EventStore;

  const envelope = (): CommandEnvelope => ({ commandId: randomUUID(), origin: 'user' });
  /** An unassigned request in the north queue: a manager registers it (a manager does not take what they register). */
  const unassignedRequest = async (subject = 'Queue item'): Promise<string> => (await operators.register(hdManagerNorth, { subject }, envelope())).requestId;
  const assigneesOf = async (requestId: string): Promise<{ assigneeId: string; mode?: string }[]> => {
    const assigned = [];
    for await (const e of store.readStream(requestStreamId(requestId)))
      if (e.type === 'RequestAssigned') assigned.push(e.data as { assigneeId: string; mode?: string });
    return assigned;
  };

  beforeAll(async () => {
    db = await createTestDatabase('queue_take');
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
        ServiceDeskModule,
      ],
    })
    class QueueTakeTestModule {}
    app = await NestFactory.create(QueueTakeTestModule, { logger: ['error'] });
    const pool = app.get<Pool>(PG_POOL);
    pool.on('error', () => undefined);
    await applyMigrations(app.get(MikroORM), pool);
    await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
    await app.init();
    operators = app.get(OperatorCommands);
    store = app.get<EventStore>(EVENT_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('gives one item to exactly one of 20 operators taking it at once; the other 19 hear it was taken', async () => {
    const requestId = await unassignedRequest('Contested');
    const started = Date.now();
    const outcomes = await Promise.allSettled(northOperators.map((p) => operators.takeRequest(p, requestId, envelope())));
    const elapsedMs = Date.now() - started;
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    // Lost on the append (read the same revision) or on the decision (read after the winner): both are the API's 409.
    for (const loser of losers) expect(loser.reason instanceof ConcurrencyConflictError || loser.reason instanceof AlreadyTakenError).toBe(true);
    const assigned = await assigneesOf(requestId);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]?.mode).toBe('taken');
    const winner = northOperators[outcomes.findIndex((o) => o.status === 'fulfilled')];
    expect(assigned[0]?.assigneeId).toBe(winner?.userId);
    process.stdout.write(
      `take race: 20 operators, 1 winner, ${losers.length} answered 409 (${losers.filter((l) => l.reason instanceof ConcurrencyConflictError).length} on the append, ${losers.filter((l) => l.reason instanceof AlreadyTakenError).length} on the decision) in ${elapsedMs} ms\n`,
    );
  });

  it('lets one append when all 20 decided on the same revision (the naive read-then-write would assign it 20 times)', async () => {
    const requestId = await unassignedRequest('Contested at the append');
    // Hold every append until all 20 have read the stream and decided: only the store's expected revision is left to decide.
    const append = store.append.bind(store);
    let waiting = 0;
    let release: () => void = () => undefined;
    const allDecided = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(store, 'append').mockImplementation(async (...args: Parameters<EventStore['append']>) => {
      if (++waiting === northOperators.length) release();
      await Promise.race([allDecided, new Promise((r) => setTimeout(r, 5_000).unref())]);
      return append(...args);
    });
    try {
      const outcomes = await Promise.allSettled(northOperators.map((p) => operators.takeRequest(p, requestId, envelope())));
      expect(waiting).toBe(20);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(losers.every((l) => l.reason instanceof ConcurrencyConflictError)).toBe(true);
      expect(losers).toHaveLength(19);
    } finally {
      spy.mockRestore();
    }
    expect(await assigneesOf(requestId)).toHaveLength(1);
  });

  it('lets whoever lost take the next item, skipping the one taken meanwhile', async () => {
    const first = await unassignedRequest('First in the queue');
    const second = await unassignedRequest('Second in the queue');
    const [winner, loser] = northOperators as [Principal, Principal];
    await operators.takeRequest(winner, first, envelope());
    // The read model may still list the taken one first: take-next skips it.
    const candidates = async (exclude: readonly string[]) => [first, second].filter((id) => !exclude.includes(id));
    const taken = await operators.takeNextRequest(loser, candidates, envelope());
    expect(taken.id).toBe(second);
    expect((await assigneesOf(second))[0]?.assigneeId).toBe(loser.userId);
    await expect(operators.takeNextRequest(loser, async () => [], envelope())).rejects.toBeInstanceOf(QueueEmptyError);
  });

  it('hands 5 items to 5 of 20 operators taking the next at once, each item once', async () => {
    const items: string[] = [];
    for (let n = 0; n < 5; n++) items.push(await unassignedRequest(`Burst ${n}`));
    const taken = new Set<string>();
    const candidates = async (exclude: readonly string[]) => items.filter((id) => !exclude.includes(id) && !taken.has(id));
    const outcomes = await Promise.allSettled(
      northOperators.map(async (p) => {
        const result = await operators.takeNextRequest(p, candidates, envelope());
        taken.add(result.id);
        return result.id;
      }),
    );
    const won = outcomes.filter((o): o is PromiseFulfilledResult<string> => o.status === 'fulfilled').map((o) => o.value);
    expect(won.sort()).toEqual([...items].sort());
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof QueueEmptyError)).toHaveLength(15);
    for (const id of items) expect(await assigneesOf(id)).toHaveLength(1);
  });

  it('answers a resubmitted take-next with the item the first attempt took, never a second item', async () => {
    const first = await unassignedRequest('Take-next once');
    const second = await unassignedRequest('Take-next twice?');
    const operator = northOperators[7] as Principal;
    // What the read model lists: the unassigned ones (the first drops out once taken).
    const unassigned = async (exclude: readonly string[]) => {
      const open = [];
      for (const id of [first, second]) if (!exclude.includes(id) && (await assigneesOf(id)).length === 0) open.push(id);
      return open;
    };
    const once = envelope();
    const taken = await operators.takeNextRequest(operator, unassigned, once);
    expect(taken.id).toBe(first);
    // The answer was lost; the console sends the same command again.
    const again = await operators.takeNextRequest(operator, unassigned, once);
    expect(again).toMatchObject({ id: first, appended: false, revision: taken.revision });
    expect(await assigneesOf(second)).toEqual([]);
    // A new command takes the next one.
    expect((await operators.takeNextRequest(operator, unassigned, envelope())).id).toBe(second);
  });

  it('moves a resubmitted take-next on when the item it pointed at went to someone else meanwhile', async () => {
    const lostOne = await unassignedRequest('Pointed at, then taken by another');
    const next = await unassignedRequest('The next one');
    const [slow, quick] = [northOperators[8], northOperators[9]] as [Principal, Principal];
    const once = envelope();
    // The first attempt pointed at the item and died before its take reached the store.
    await app.get<TakeNextClaims>(TAKE_NEXT_CLAIMS).point(slow.userId, once.commandId, 'request', lostOne);
    await operators.takeRequest(quick, lostOne, envelope());
    const taken = await operators.takeNextRequest(slow, async (exclude) => [lostOne, next].filter((id) => !exclude.includes(id)), once);
    expect(taken.id).toBe(next);
    expect((await assigneesOf(lostOne)).map((a) => a.assigneeId)).toEqual([quick.userId]);
  });

  it('refuses a take from another department’s operator (not found) and answers a resubmission with the first result', async () => {
    const requestId = await unassignedRequest('North only');
    await expect(operators.takeRequest(hdUserSouth, requestId, envelope())).rejects.toBeInstanceOf(EntityNotFoundError);
    const once = envelope();
    const first = await operators.takeRequest(northOperators[3] as Principal, requestId, once);
    const again = await operators.takeRequest(northOperators[3] as Principal, requestId, once);
    expect(again).toMatchObject({ revision: first.revision, appended: false });
  });

  it('lets an L3 engineer of the work group take an unassigned incident, one of them when several race', async () => {
    const requestId = (await operators.register(northOperators[4] as Principal, { subject: 'Escalated' }, envelope())).requestId;
    const incidentId = randomUUID();
    await operators.onRequest(
      northOperators[4] as Principal,
      requestId,
      { type: 'EscalateRequest', incidentId, serviceCode: 1001, by: 'x', now: new Date() },
      envelope(),
    );
    await app
      .get(CommandBus)
      .execute(
        new ExecuteIncidentCommand(
          incidentId,
          { type: 'OpenIncident', incidentId, requestId, serviceCode: 1001, workGroupCode: 301, by: 'system:escalation', now: new Date() },
          { commandId: randomUUID(), origin: 'system' },
        ),
      );
    await expect(operators.takeIncident(l3Billing, incidentId, envelope())).rejects.toBeInstanceOf(EntityNotFoundError);
    const engineers = Array.from({ length: 5 }, (_, n) => l3Network(n));
    const outcomes = await Promise.allSettled(engineers.map((p) => operators.takeIncident(p, incidentId, envelope())));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('lets only a manager set the priority', async () => {
    const requestId = await unassignedRequest('Urgent');
    const owner = northOperators[5] as Principal;
    await operators.takeRequest(owner, requestId, envelope());
    await expect(operators.setRequestPriority(owner, requestId, 'P1', envelope())).rejects.toMatchObject({
      constructor: DomainRuleError,
      rule: 'priority-needs-manager',
    });
    await operators.setRequestPriority(hdManagerNorth, requestId, 'P1', envelope());
    await expect(operators.setRequestPriority(northOperators[6] as Principal, requestId, 'P2', envelope())).rejects.toBeInstanceOf(EntityNotFoundError);
    const types = [];
    for await (const e of store.readStream(requestStreamId(requestId))) types.push(e.type);
    expect(types).toContain('RequestPrioritySet');
  });
});
