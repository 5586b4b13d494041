import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import type { EventStore } from '@switchboard/eventstore';
import { USER_DIRECTORY } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import type { DirectoryUser, Principal } from '@switchboard/identity/domain';
import { MetricsRegistry, loadConfig } from '@switchboard/platform';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { AutoAssignmentSettingsAdmin, OperatorCommands, PRESENCE_STORE, PresenceService } from '@switchboard/service-desk';
import type { PresenceStore } from '@switchboard/service-desk';
import type { AssignedBy, AutoAssignmentSettings } from '@switchboard/service-desk/domain';
import { PostgresPresenceStore } from '@switchboard/service-desk/infrastructure';
import { CoreModule } from '../core.module';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { applyMigrations } from '../database/migrations';
import { loadDemoData } from '../demo/load-demo-data';
import { ProcessManagersModule } from './process-managers.module';
import { ServiceDeskModule } from './service-desk.module';

const DEPARTMENT = 'first-line-north';
const manager: Principal = {
  userId: '5b0a0000-0000-4000-8000-000000000121',
  username: 'hd.manager.north',
  roles: ['HelpDeskManager'],
  departments: [DEPARTMENT],
  workGroups: [],
};
/** Four operators of the department: three available, the fourth away. */
const operators: DirectoryUser[] = Array.from({ length: 4 }, (_, n) => ({
  id: `5b0a0000-0000-4000-8000-0000000009${n}0`,
  username: `hd.auto.${n}`,
  email: '',
  firstName: 'Auto',
  lastName: String(n),
  groups: [`/departments/${DEPARTMENT}`],
  roles: ['HelpDeskUser'],
}));
const [available, away] = [operators.slice(0, 3), operators[3]];

interface Assignment {
  readonly requestId: string;
  readonly assigneeId: string;
  readonly assignedBy?: AssignedBy;
}

/**
 * Automatic assignment on the real backbone: the process manager assigns what managers register,
 * round robin among the available operators, within their limits, and a replay from the start of
 * the log assigns nothing twice.
 */
describe('automatic assignment', () => {
  let db: TestDatabase;
  let app: INestApplication;

  const envelope = () => ({ commandId: randomUUID(), origin: 'user' as const });

  async function boot(): Promise<INestApplication> {
    const config = loadConfig({ DATABASE_URL: db.url, PRESENCE_IDLE_MINUTES: '0' }, { httpPort: 1, allowsEmbeddedDatabase: false });
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
        ProcessManagersModule,
      ],
    })
    class AutoAssignmentTestModule {}
    const created = await NestFactory.create(AutoAssignmentTestModule, { logger: ['error'] });
    // The department's members, as the directory would list them (the demo realm has one operator per department).
    const directory = created.get<UserDirectory>(USER_DIRECTORY);
    jest.spyOn(directory, 'membersOfGroup').mockImplementation(async (path) => (path === `/departments/${DEPARTMENT}` ? operators : []));
    const userById = directory.userById.bind(directory);
    jest.spyOn(directory, 'userById').mockImplementation(async (id) => operators.find((op) => op.id === id) ?? userById(id));
    const pool = created.get<Pool>(PG_POOL);
    pool.on('error', () => undefined);
    await applyMigrations(created.get(MikroORM), pool);
    return created;
  }

  const register = (count: number, subject: string): Promise<string[]> =>
    Promise.all(
      Array.from({ length: count }, async (_, n) => (await app.get(OperatorCommands).register(manager, { subject: `${subject} ${n}` }, envelope())).requestId),
    );

  async function assignments(): Promise<Assignment[]> {
    const found: Assignment[] = [];
    for await (const e of app.get<EventStore>(EVENT_STORE).readAll({ filter: { eventTypes: ['RequestAssigned'] } })) found.push(e.data as Assignment);
    return found;
  }

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Until the process manager has handled every event so far: its count of handled events stays the same for 1.5 s. */
  async function settled(): Promise<void> {
    const handled = async () =>
      (await app.get<Pool>(PG_POOL).query<{ n: string }>(`SELECT events_processed::text AS n FROM processor_checkpoints WHERE processor = 'auto-assignment'`))
        .rows[0]?.n;
    let last = await handled();
    let stableSince = Date.now();
    await eventually(
      async () => {
        const now = await handled();
        if (now !== last) [last, stableSince] = [now, Date.now()];
        return Date.now() - stableSince;
      },
      (stableMs) => stableMs >= 1_500,
      'the process manager to settle',
    );
  }

  const save = (settings: AutoAssignmentSettings) =>
    app.get(AutoAssignmentSettingsAdmin).save(manager, { kind: 'department', key: DEPARTMENT }, settings, undefined);

  const tally = (list: readonly Assignment[]) => list.reduce((m, a) => m.set(a.assigneeId, (m.get(a.assigneeId) ?? 0) + 1), new Map<string, number>());

  beforeAll(async () => {
    db = await createTestDatabase('auto_assignment');
    app = await boot();
    await loadDemoData(app.get<CatalogueRepository>(CATALOGUE_REPOSITORY), app.get<CustomersRepository>(CUSTOMERS_REPOSITORY));
    await app.init();
    const presence = app.get<PresenceStore>(PRESENCE_STORE);
    for (const op of available) await presence.set(op.id, 'available', op.id, new Date());
    await presence.set(away.id, 'away', away.id, new Date());
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('leaves requests in the queue while automatic assignment is off', async () => {
    const [requestId] = await register(1, 'Before switching on');
    await settled();
    expect((await assignments()).filter((a) => a.requestId === requestId)).toEqual([]);
  });

  it('shares 100 requests round robin among the 3 available operators (33 or 34 each); the one away gets none', async () => {
    await save({ mode: 'round-robin', skills: {} });
    const started = Date.now();
    const ids = new Set(await register(100, 'Fairness'));
    const mine = await eventually(
      async () => (await assignments()).filter((a) => ids.has(a.requestId)),
      (list) => list.length >= 100,
      '100 assignments',
    );
    const elapsedMs = Date.now() - started;
    expect(new Set(mine.map((a) => a.requestId)).size).toBe(100);
    const counts = tally(mine);
    expect(counts.has(away.id)).toBe(false);
    expect([...counts.values()].sort()).toEqual([33, 33, 34]);
    expect(mine.every((a) => a.assignedBy?.kind === 'round-robin')).toBe(true);
    process.stdout.write(
      `round robin: 100 requests, 3 available operators -> ${[...counts.values()].join('/')} in ${elapsedMs} ms (registration to last assignment)\n`,
    );
  }, 90_000);

  it('never gives an operator more open requests than the limit; the rest stay queued', async () => {
    const before = tally(await assignments());
    await save({ mode: 'least-loaded', maxOpenPerOperator: 36, skills: {} });
    const ids = new Set(await register(20, 'Over the limit'));
    await settled();
    const mine = (await assignments()).filter((a) => ids.has(a.requestId));
    const after = tally(await assignments());
    for (const op of available) expect(after.get(op.id)).toBe(36);
    const room = available.reduce((sum, op) => sum + 36 - (before.get(op.id) ?? 0), 0);
    expect(mine).toHaveLength(room);
    expect(mine.every((a) => a.assignedBy?.kind === 'least-loaded' && (a.assignedBy as { limit?: number }).limit === 36)).toBe(true);
  }, 90_000);

  it('assigns nothing twice when the process manager replays the log from the start', async () => {
    const before = await assignments();
    const ledger = async () =>
      (
        await app
          .get<Pool>(PG_POOL)
          .query<{ cursor: string; decisions: number }>(
            `SELECT (SELECT last_assignee_id FROM auto_assignment_cursors) AS cursor, (SELECT count(*)::int FROM auto_assignment_decisions) AS decisions`,
          )
      ).rows[0];
    const ledgerBefore = await ledger();
    await app.close();
    app = await boot();
    // From the start of the log, as a rebuild would.
    await app.get<Pool>(PG_POOL).query(`UPDATE processor_checkpoints SET position = NULL, events_processed = 0 WHERE processor = 'auto-assignment'`);
    await app.init();
    await eventually(
      async () =>
        (await app.get<Pool>(PG_POOL).query<{ n: string }>(`SELECT events_processed::text AS n FROM processor_checkpoints WHERE processor = 'auto-assignment'`))
          .rows[0]?.n,
      (n) => Number(n) > 0,
      'the replay to start',
    );
    await settled();
    const after = await assignments();
    expect(after).toHaveLength(before.length);
    expect(new Set(after.map((a) => a.requestId)).size).toBe(after.length);
    // The replay re-issued its recorded decisions: no new decision, and the round robin's turn did not move.
    expect(await ledger()).toEqual(ledgerBefore);
  }, 90_000);

  it('hands out what waits in the queue to an operator who becomes available', async () => {
    const queuedBefore = new Set(
      (
        await app
          .get<Pool>(PG_POOL)
          .query<{ item_id: string }>(`SELECT item_id FROM auto_assignment_items WHERE open AND assignee_id IS NULL AND scope_key = $1`, [DEPARTMENT])
      ).rows.map((r) => r.item_id),
    );
    expect(queuedBefore.size).toBeGreaterThan(0);
    // The one who was away comes back: they have room for 36 under the limit, so every queued request goes to them.
    await app.get(PresenceService).set({ ...manager, userId: away.id, username: away.username, roles: ['HelpDeskUser'] }, 'available');
    const handedOut = await eventually(
      async () => (await assignments()).filter((a) => queuedBefore.has(a.requestId)),
      (list) => list.length >= queuedBefore.size,
      'the queue to be handed out',
    );
    expect(new Set(handedOut.map((a) => a.assigneeId))).toEqual(new Set([away.id]));
  }, 90_000);

  it('counts an operator idle past the timeout as away at once, and the sweep sets them away, logged as idle', async () => {
    const pool = app.get<Pool>(PG_POOL);
    const store = new PostgresPresenceStore(pool, 15);
    const presence = new PresenceService(store, app.get<EventStore>(EVENT_STORE));
    const idler = { ...manager, userId: 'idle-operator', roles: ['HelpDeskUser' as const] };
    const t0 = new Date('2026-12-07T09:00:00Z');
    await store.set(idler.userId, 'available', idler.userId, t0);
    await store.heartbeat(idler.userId, new Date('2026-12-07T09:10:00Z'));
    expect([...(await store.availableAmong([idler.userId], new Date('2026-12-07T09:24:00Z')))]).toEqual([idler.userId]);
    expect(await store.availableAmong([idler.userId], new Date('2026-12-07T09:26:00Z'))).toEqual(new Set());
    expect((await presence.get(idler, 15, new Date('2026-12-07T09:26:00Z'))).status).toBe('away');
    expect(await presence.expireIdle(15, new Date('2026-12-07T09:24:00Z'))).not.toContain(idler.userId);
    expect(await presence.expireIdle(15, new Date('2026-12-07T09:26:00Z'))).toContain(idler.userId);
    expect((await store.get(idler.userId))?.status).toBe('away');
    const { rows } = await pool.query<{ status: string; reason: string; changed_by: string }>(
      'SELECT status, reason, changed_by FROM operator_presence_changes WHERE user_id = $1 ORDER BY seq',
      [idler.userId],
    );
    expect(rows).toEqual([
      { status: 'available', reason: 'set', changed_by: idler.userId },
      { status: 'away', reason: 'idle', changed_by: 'system:presence' },
    ]);
  });
});
