import { Client } from 'pg';
import { legacyClientRows, legacyOrderRows } from './legacy-data';
import type { LegacyClientRow, LegacyOrderRow } from './legacy-data';
import { legacyNameIndexSql, legacyReplicaIndexesSql, legacySchemaSql } from './legacy-schema';

export interface GenerateLegacyOptions {
  readonly clients?: number;
  readonly orders?: number;
  /** Same seed, same database. */
  readonly seed?: number;
  /** Rows per INSERT (arrays through `unnest`). */
  readonly batchSize?: number;
}

export interface GeneratedLegacy {
  readonly clients: number;
  readonly orders: number;
  readonly seed: number;
  readonly trigramIndex: boolean;
  readonly elapsedMs: number;
}

async function inBatches<T>(rows: Iterable<T>, size: number, write: (batch: T[]) => Promise<void>): Promise<void> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch);
}

/**
 * Creates (replacing) the LegacyDB schema in the database at `url` and fills it with generated
 * clients and orders — deterministic for a seed — then adds the replica indexes Switchboard needs.
 * Rows go in as column arrays through `unnest`, thousands per statement: 100k clients and 300k
 * orders take seconds.
 */
export async function generateLegacyDatabase(url: string, options: GenerateLegacyOptions = {}): Promise<GeneratedLegacy> {
  const started = performance.now();
  const clients = options.clients ?? 100_000;
  const orders = options.orders ?? 300_000;
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 20_000;
  const db = new Client({ connectionString: url, application_name: 'switchboard-legacy-generator' });
  await db.connect();
  try {
    await db.query('SET client_min_messages = warning');
    for (const sql of legacySchemaSql) await db.query(sql);
    await inBatches<LegacyClientRow>(legacyClientRows(clients, seed), batchSize, async (batch) => {
      await db.query(
        `INSERT INTO legacy_clients (client_no, fio, tel, e_mail, inn, org_name, created)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[])`,
        [
          batch.map((r) => r.clientNo),
          batch.map((r) => r.fio),
          batch.map((r) => r.tel),
          batch.map((r) => r.email),
          batch.map((r) => r.inn),
          batch.map((r) => r.orgName),
          batch.map((r) => r.created),
        ],
      );
    });
    await db.query("SELECT setval(pg_get_serial_sequence('legacy_clients', 'client_no'), greatest((SELECT max(client_no) FROM legacy_clients), 1))");
    await inBatches<LegacyOrderRow>(legacyOrderRows(orders, Math.max(clients, 1), seed), batchSize, async (batch) => {
      await db.query(
        `INSERT INTO legacy_orders (order_no, client_no, descr, summa, dt)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::numeric[], $5::timestamp[])`,
        [batch.map((r) => r.orderNo), batch.map((r) => r.clientNo), batch.map((r) => r.descr), batch.map((r) => r.summa), batch.map((r) => r.dt)],
      );
    });
    for (const sql of legacyReplicaIndexesSql) await db.query(sql);
    let trigramIndex = true;
    try {
      await db.query('BEGIN');
      for (const sql of legacyNameIndexSql) await db.query(sql);
      await db.query('COMMIT');
    } catch {
      // No pg_trgm (or no right to create it): name search scans 100k rows, still well under the timeout.
      await db.query('ROLLBACK');
      trigramIndex = false;
    }
    await db.query('ANALYZE legacy_clients');
    await db.query('ANALYZE legacy_orders');
    return { clients, orders, seed, trigramIndex, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await db.end();
  }
}
