import { randomUUID } from 'node:crypto';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { Residencies, UnitImport } from '@switchboard/estate';
import type { ResidentLookup, UnitImportSummary } from '@switchboard/estate';
import { ResidencyRuleError, layOutGrid } from '@switchboard/estate/domain';
import type { SiteScope } from '@switchboard/estate/domain';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { EstateMigration20261208200000 } from './migrations/20261208200000-estate.migration';
import { PostgresEstateImportStore } from './postgres-estate-import.store';
import { PostgresEstateStore } from './postgres-estate.store';
import { parseUnitCsv, parseUnitJson } from './unit-file/unit-file.reader';

/** The value a step of the test needs; a missing one fails the test here. */
const must = <T>(value: T | undefined | null): T => {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
};

const HEAD_OFFICE: SiteScope = { all: true };
const RIVER_PARK_ONLY: SiteScope = { all: false, slugs: ['river-park'] };
const counts = (s: UnitImportSummary) => ({ created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected.length });

/** A building of `entrances` × `floors` × `perFloor` apartments as an accounting export's CSV. */
function buildingCsv(site: string, building: string, entrances: number, floors: number, perFloor: number): string {
  const lines = ['site,building,entrance,floor,number,type,area,rooms,residents'];
  let number = 0;
  for (let e = 1; e <= entrances; e++)
    for (let f = 1; f <= floors; f++)
      for (let u = 0; u < perFloor; u++) {
        number += 1;
        lines.push(`${site},${building},${e},${f},${number},apartment,${(40 + (number % 50) + 0.5).toFixed(1)},${1 + (number % 4)},`);
      }
  return `${lines.join('\n')}\n`;
}

describe('the estate in PostgreSQL', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let pool: Pool;
  let store: PostgresEstateStore;
  const clients = new Map([
    ['+79160000001', randomUUID()],
    ['+79160000002', randomUUID()],
  ]);
  const lookup: ResidentLookup = {
    clientIdByPhone: async (phone) => clients.get(phone),
    clientIdByEmail: async () => undefined,
  };
  const importer = () => new UnitImport(new PostgresEstateImportStore(pool), lookup, async (slug) => (await store.findSiteBySlug(slug)) !== undefined);
  const importCsv = (text: string) => {
    const file = parseUnitCsv(text);
    return importer().run(file.rows, { by: 'import:test' }, { rejectedBeforeImport: file.rejected });
  };

  beforeAll(async () => {
    db = await createTestDatabase('estate_store');
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: { migrationsList: [{ name: 'EstateMigration20261208200000', class: EstateMigration20261208200000 }], silent: true },
      allowGlobalContext: true,
    });
    await orm.getMigrator().up();
    pool = new Pool({ connectionString: db.url, max: 4 });
    store = new PostgresEstateStore(pool);
    await store.createSite({ id: randomUUID(), slug: 'river-park', name: 'River Park', address: '' }, { by: 'test' });
    await store.createSite({ id: randomUUID(), slug: 'old-town', name: 'Old Town', address: '' }, { by: 'test' });
  });

  afterAll(async () => {
    await pool?.end();
    await orm?.close(true);
    await db?.drop();
  });

  it('imports 10,000 units, and importing them again changes nothing', async () => {
    const csv = buildingCsv('old-town', 'Tower A', 10, 25, 40);
    const progress: number[] = [];
    const file = parseUnitCsv(csv);
    const first = await importer().run(file.rows, { by: 'import:test' }, { onProgress: ({ done }) => progress.push(done) });
    expect(counts(first)).toEqual({ created: 10_000, updated: 0, unchanged: 0, rejected: 0 });
    expect(progress.at(-1)).toBe(10_000);
    const { rows: before } = await pool.query<{ max: string }>('SELECT max(updated_at)::text AS max FROM estate_units');

    expect(counts(await importCsv(csv))).toEqual({ created: 0, updated: 0, unchanged: 10_000, rejected: 0 });
    const { rows: after } = await pool.query<{ max: string; n: number }>('SELECT max(updated_at)::text AS max, count(*)::int AS n FROM estate_units');
    expect(after[0]).toEqual({ max: before[0].max, n: 10_000 });
    const { rows: entrances } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM estate_entrances');
    expect(entrances[0].n).toBe(10);
  });

  it('rejects a bad row with its reason and imports the rest; a changed unit is updated', async () => {
    const summary = await importCsv(
      'site,building,entrance,floor,number,type,area,rooms,residents\n' +
        'old-town,Tower A,1,1,1,apartment,99.5,3,\n' +
        'old-town,Tower A,1,2,X-1,castle,10,1,\n' +
        'nowhere,Tower A,1,2,X-2,office,10,1,\n' +
        'old-town,Tower A,1,3,P-1,parking,,,owner:+79160000001:2024-01-01\n' +
        'old-town,Tower A,1,3,P-2,parking,,,owner:+79169999999:2024-01-01\n',
    );
    expect(counts(summary)).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 3 });
    expect(summary.rejected).toEqual([
      { row: 3, reason: 'type must be one of apartment, office, retail, parking, storage, got "castle"' },
      { row: 4, reason: 'site "nowhere": no such site (create it first: POST /sites)' },
      { row: 6, reason: 'resident 1: no client has phone +79169999999' },
    ]);
  });

  it('reads the JSON export as the CSV one, residents included, and links a resident once', async () => {
    const json = JSON.stringify({
      units: [
        {
          site: 'old-town',
          building: 'Tower A',
          entrance: '1',
          floor: 3,
          number: 'P-1',
          type: 'parking',
          residents: [{ relation: 'owner', phone: '+7 916 000-00-01', from: '2024-01-01' }],
        },
      ],
    });
    const file = parseUnitJson(json);
    expect(counts(await importer().run(file.rows, { by: 'import:test' }))).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM estate_residencies');
    expect(rows[0].n).toBe(1);
  });

  it('lays out the grid of a 600-unit building with today’s occupancy', async () => {
    expect(counts(await importCsv(buildingCsv('river-park', 'House 1', 6, 25, 4)))).toEqual({ created: 600, updated: 0, unchanged: 0, rejected: 0 });
    const [building] = must(await store.listBuildings(HEAD_OFFICE, must(await store.findSiteBySlug('river-park')).id));
    const siteId = building.siteId;
    const units = must(await store.listUnits(RIVER_PARK_ONLY, siteId, building.id));
    const residencies = new Residencies(store);
    await residencies.save(
      RIVER_PARK_ONLY,
      { id: randomUUID(), unitId: units[0].id, clientId: randomUUID(), relation: 'owner', from: '2020-01-01' },
      { by: 't' },
    );
    await residencies.save(
      RIVER_PARK_ONLY,
      { id: randomUUID(), unitId: units[0].id, clientId: randomUUID(), relation: 'resident', from: '2020-01-01', to: '2020-12-31' },
      { by: 't' },
    );

    const raw = must(await store.gridUnits(RIVER_PARK_ONLY, siteId, building.id, '2026-12-08'));
    const grid = layOutGrid(raw.entrances, raw.units);
    expect(grid.entrances.map((e) => e.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(grid.floors).toHaveLength(25);
    expect(grid.floors[0]).toBe(25);
    expect(grid.cells).toHaveLength(150);
    expect(grid.cells.flatMap((c) => c.units)).toHaveLength(600);
    const occupied = grid.cells.flatMap((c) => c.units).filter((u) => u.occupancy > 0);
    expect(occupied.map((u) => [u.id, u.occupancy])).toEqual([[units[0].id, 1]]);
  });

  it('finds nothing outside the caller’s sites', async () => {
    const oldTown = must(await store.findSiteBySlug('old-town'));
    const [tower] = must(await store.listBuildings(HEAD_OFFICE, oldTown.id));
    expect(await store.listBuildings(RIVER_PARK_ONLY, oldTown.id)).toBeUndefined();
    expect(await store.gridUnits(RIVER_PARK_ONLY, oldTown.id, tower.id, '2026-12-08')).toBeUndefined();
    const [unit] = must(await store.listUnits(HEAD_OFFICE, oldTown.id, tower.id));
    expect(await store.findUnit(RIVER_PARK_ONLY, unit.id)).toBeUndefined();
    expect((await store.listSites(RIVER_PARK_ONLY)).map((s) => s.slug)).toEqual(['river-park']);
  });

  it('refuses an overlapping residency even when two arrive together, and tells who lives where now', async () => {
    const oldTown = must(await store.findSiteBySlug('old-town'));
    const [tower] = must(await store.listBuildings(HEAD_OFFICE, oldTown.id));
    const [unit] = must(await store.listUnits(HEAD_OFFICE, oldTown.id, tower.id));
    const clientId = randomUUID();
    const residencies = new Residencies(store);
    const attempts = await Promise.allSettled(
      ['2025-01-01', '2025-06-01'].map((from) =>
        residencies.save(HEAD_OFFICE, { id: randomUUID(), unitId: unit.id, clientId, relation: 'tenant', from }, { by: 't' }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ResidencyRuleError);
    expect((refused.reason as ResidencyRuleError).rule).toBe('residency-overlaps');

    const entrance = must(await store.listEntrances(HEAD_OFFICE, oldTown.id, tower.id)).find((e) => e.id === unit.entranceId);
    if (!entrance) throw new Error('the unit has no entrance');
    expect(await store.currentResidents({ entranceId: entrance.id }, '2026-12-08')).toContain(clientId);
    expect(await store.currentResidents({ buildingId: tower.id }, '2024-12-31')).not.toContain(clientId);
    const held = await store.unitsOfClient(HEAD_OFFICE, clientId, '2026-12-08');
    expect(held.map((h) => [h.unit.number, h.relation, h.current])).toEqual([[unit.number, 'tenant', true]]);
    expect(await store.unitsOfClient(RIVER_PARK_ONLY, clientId, '2026-12-08')).toEqual([]);
  });
});
