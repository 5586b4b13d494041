import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ConcurrencyConflictError, PostgresEventStore } from '@switchboard/eventstore';
import type { RecordedEvent } from '@switchboard/eventstore';
import { processingSchema } from '@switchboard/eventstore/processing';
import { RolePermissions } from '@switchboard/identity';
import { ROLE_PERMISSIONS_STREAM_PREFIX, defaultRolePermissions } from '@switchboard/identity/domain';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { accessRolePermissionDeltasSchema, accessRolePermissionsSchema } from './access-role-permissions.migration';
import { PostgresRolePermissionsResolver } from './postgres-role-permissions.resolver';
import { rolePermissionsProjection } from './role-permissions.projection';

/**
 * The mapping on the real event store and PostgreSQL (ADR 0031): changes are events guarded by
 * the version the admin saw; the projection, applied twice, says the same; the resolver answers the
 * default mapping for untouched roles and follows a change once its cache is older than the refresh.
 */
describe('role permissions on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let mapping: RolePermissions;
  const admin = 'admin-user-id';
  const user = (expectedRevision?: bigint) => ({
    commandId: randomUUID(),
    origin: 'user' as const,
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  });
  const project = async () => {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll({ filter: { streamPrefixes: [ROLE_PERMISSIONS_STREAM_PREFIX] } })) events.push(e);
    const handler = rolePermissionsProjection().handler;
    if (handler.kind !== 'transactional') throw new Error('the mapping projection is transactional');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await handler.handle(client, events);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const rows = async () => (await pool.query('SELECT role, permissions, version::int, changed_by FROM access_role_permissions ORDER BY role')).rows;

  beforeAll(async () => {
    db = await createTestDatabase('role_permissions');
    pool = new Pool({ connectionString: db.url, max: 5 });
    pool.on('error', () => undefined);
    for (const statement of processingSchema) await pool.query(statement);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    await store.ensureSchema();
    for (const statement of [...accessRolePermissionsSchema, ...accessRolePermissionDeltasSchema]) await pool.query(statement);
    mapping = new RolePermissions(store);
  });

  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('records a change under the version seen, refuses a stale one, and projects the role’s list once however often it is replayed', async () => {
    expect(await mapping.view('SiteManager')).toEqual({ role: 'SiteManager', permissions: defaultRolePermissions.SiteManager, version: 0, isDefault: true });
    await mapping.change({ type: 'RevokePermissions', role: 'SiteManager', permissions: ['estate.edit:site'], by: admin, now: new Date() }, user(-1n));
    await expect(
      mapping.change({ type: 'GrantPermissions', role: 'SiteManager', permissions: ['pass.check:site'], by: admin, now: new Date() }, user(-1n)),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await mapping.change({ type: 'GrantPermissions', role: 'SiteManager', permissions: ['pass.check:site'], by: admin, now: new Date() }, user(0n));
    expect(await mapping.view('SiteManager')).toMatchObject({
      permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'pass.check:site', 'report.site-sla:site'],
      version: 2,
      isDefault: false,
    });
    expect((await mapping.history('SiteManager')).map((h) => [h.version, h.granted, h.revoked, h.by])).toEqual([
      [2, ['pass.check:site'], [], admin],
      [1, [], ['estate.edit:site'], admin],
    ]);

    await project();
    await project();
    expect(await rows()).toEqual([
      {
        role: 'SiteManager',
        permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'pass.check:site', 'report.site-sla:site'],
        version: 1,
        changed_by: admin,
      },
    ]);
    expect((await pool.query('SELECT granted, revoked FROM access_role_permissions WHERE role = $1', ['SiteManager'])).rows).toEqual([
      { granted: ['pass.check:site'], revoked: ['estate.edit:site'] },
    ]);
  });

  it('resolves an edited role as its defaults ∪ granted − revoked: a permission added to the defaults later reaches it, a revoked default stays revoked', async () => {
    // SiteManager was edited above (estate.edit:site revoked, pass.check:site granted); a later release adds request.take:site to its defaults.
    const later = { ...defaultRolePermissions, SiteManager: [...defaultRolePermissions.SiteManager, 'request.take:site' as const] };
    const held = await new PostgresRolePermissionsResolver(pool, 1000, () => 0, later).permissionsFor(['SiteManager']);
    expect(held.has('request.take:site')).toBe(true);
    expect(held.has('pass.check:site')).toBe(true);
    expect(held.has('estate.edit:site')).toBe(false);
    expect(held.has('request.work:site')).toBe(true);
  });

  it('resolves untouched roles to the default mapping and follows a change for the next request once the cache is older than the refresh', async () => {
    let now = 1_000_000;
    const resolver = new PostgresRolePermissionsResolver(pool, 1000, () => now);
    const concierge = async () => [...(await resolver.permissionsFor(['Concierge']))].sort();
    expect(await concierge()).toEqual([...defaultRolePermissions.Concierge].sort());

    await mapping.change({ type: 'RevokePermissions', role: 'Concierge', permissions: ['pass.create:site'], by: admin, now: new Date() }, user(-1n));
    await project();
    now += 999;
    // Within the refresh the cached mapping answers (no query per request)…
    expect(await concierge()).toContain('pass.create:site');
    now += 1;
    // …and the first request after it reads the change.
    expect(await concierge()).not.toContain('pass.create:site');
    // A user with two roles holds the union; a role the mapping never names keeps its default.
    expect(await resolver.permissionsFor(['Concierge', 'Security'])).toEqual(new Set(['unit.pick:site', 'resident.invite', 'pass.check:site']));
  });

  it('keeps answering from the last mapping when a reload fails', async () => {
    let now = 0;
    const failing = new Pool({ connectionString: db.url, max: 1 });
    failing.on('error', () => undefined);
    const resolver = new PostgresRolePermissionsResolver(failing, 1000, () => now);
    const before = await resolver.permissionsFor(['Concierge']);
    await failing.end();
    now += 5000;
    expect(await resolver.permissionsFor(['Concierge'])).toEqual(before);
  });
});
