import type { EntityManager } from '@mikro-orm/postgresql';
import { PhoneTakenError, StaleClientError } from '@switchboard/customers';
import type { ClientAudit, ClientHit, ClientSearchSlice, CustomersRepository } from '@switchboard/customers';
import { clientChanges, clientNameKey } from '@switchboard/customers/domain';
import type { Client, ClientChanges, NameQuery, Order } from '@switchboard/customers/domain';
import { sqlRunnerOf } from './sql-runner';
import type { SqlRunner } from './sql-runner';

interface ClientRow {
  id: string;
  first_name: string;
  last_name: string;
  middle_name: string | null;
  phone: string;
  email: string | null;
  inn: string | null;
  organisation: string | null;
  tags: string[];
  legacy_id: string | null;
  name_key: string;
  revision: string;
}

interface OrderRow {
  id: string;
  code: string;
  name: string;
  cost: string;
  created_at: Date;
  client_id: string;
}

const writtenColumns = 'id, first_name, last_name, middle_name, phone, email, inn, organisation, legacy_id, name_key';
const clientColumns = `${writtenColumns}, tags, revision::text AS revision`;
const clientColumnsOf = (alias: string) =>
  `${writtenColumns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ')}, ${alias}.tags, ${alias}.revision::text AS revision`;

/** Who changes a client when the caller does not say (demo and reference loads, older callers). */
const SYSTEM = 'system:customers';
const orderColumns = 'id, code, name, cost::text AS cost, created_at, client_id';

const toClient = (r: ClientRow): Client => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  ...(r.middle_name ? { middleName: r.middle_name } : {}),
  phone: r.phone,
  ...(r.email ? { email: r.email } : {}),
  ...(r.inn ? { inn: r.inn } : {}),
  ...(r.organisation ? { organisation: r.organisation } : {}),
  ...(r.tags?.length ? { tags: r.tags } : {}),
  ...(r.legacy_id !== null ? { legacyId: Number(r.legacy_id) } : {}),
  revision: Number(r.revision),
});

const toOrder = (r: OrderRow): Order => ({ id: r.id, code: r.code, name: r.name, cost: r.cost, createdAt: r.created_at, clientId: r.client_id });

const clientValues = (c: Client): unknown[] => [
  c.id,
  c.firstName,
  c.lastName,
  c.middleName ?? null,
  c.phone,
  c.email ?? null,
  c.inn ?? null,
  c.organisation ?? null,
  c.legacyId ?? null,
  clientNameKey(c),
];

/** `%word%` for LIKE, with the word's own wildcards escaped. */
const containing = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const isUniqueViolation = (error: unknown, constraintPart: string): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: string }).code === '23505' &&
  String((error as { constraint?: string }).constraint ?? '').includes(constraintPart);

/**
 * Clients and orders in PostgreSQL (tables `customers_clients`, `customers_orders`,
 * `customers_legacy_client_links`). Races are settled by unique keys (phone, legacy id, order
 * code) with `ON CONFLICT DO NOTHING` and a re-read, never by reading first and inserting after.
 */
export class PostgresCustomersRepository implements CustomersRepository {
  private readonly db: SqlRunner;

  /** Give the app's `pg` Pool (PG_POOL); an EntityManager works too, through MikroORM's connections. */
  constructor(db: SqlRunner | EntityManager) {
    this.db = sqlRunnerOf(db);
  }

  async upsertClient(c: Client): Promise<void> {
    await this.db.query(
      `INSERT INTO customers_clients (${writtenColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
         middle_name = excluded.middle_name, phone = excluded.phone, email = excluded.email, inn = excluded.inn,
         organisation = excluded.organisation, legacy_id = coalesce(excluded.legacy_id, customers_clients.legacy_id),
         name_key = excluded.name_key, updated_at = now()`,
      clientValues(c),
    );
  }

  async upsertOrder(o: Order): Promise<void> {
    await this.db.query(
      `INSERT INTO customers_orders (id, code, name, cost, created_at, client_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, cost = excluded.cost`,
      [o.id, o.code, o.name, o.cost, o.createdAt, o.clientId],
    );
  }

  async countClients(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM customers_clients');
    return Number(rows[0]?.n ?? 0);
  }

  async findClientById(id: string): Promise<Client | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    const { rows } = await this.db.query<ClientRow>(`SELECT ${clientColumns} FROM customers_clients WHERE id = $1`, [id]);
    return rows[0] && toClient(rows[0]);
  }

  async findClientByPhone(phone: string): Promise<Client | undefined> {
    const { rows } = await this.db.query<ClientRow>(`SELECT ${clientColumns} FROM customers_clients WHERE phone = $1`, [phone]);
    return rows[0] && toClient(rows[0]);
  }

  async findClientByEmail(email: string): Promise<Client | undefined> {
    const { rows } = await this.db.query<ClientRow>(
      `SELECT ${clientColumns} FROM customers_clients WHERE lower(email) = lower($1) ORDER BY created_at, id LIMIT 1`,
      [email],
    );
    return rows[0] && toClient(rows[0]);
  }

  async findClientByLegacyId(legacyId: number): Promise<Client | undefined> {
    const { rows } = await this.db.query<ClientRow>(
      `SELECT ${clientColumnsOf('c')} FROM customers_legacy_client_links l JOIN customers_clients c ON c.id = l.client_id WHERE l.legacy_id = $1
       UNION ALL
       SELECT ${clientColumns} FROM customers_clients WHERE legacy_id = $1
       LIMIT 1`,
      [legacyId],
    );
    return rows[0] && toClient(rows[0]);
  }

  async insertClientOrFind(
    client: Client,
    audit: ClientAudit & { readonly change?: 'created' | 'migrated' } = { by: SYSTEM },
  ): Promise<{ client: Client; created: boolean }> {
    // Each statement reads the latest committed rows (READ COMMITTED): a conflicting insert that
    // committed while ours waited is visible to the re-read. Bounded: a row can vanish in between.
    for (let attempt = 0; attempt < 3; attempt++) {
      // The client and the first entry of its history, in one statement.
      const inserted = await this.db.query<ClientRow>(
        `WITH inserted AS (
           INSERT INTO customers_clients (${writtenColumns}, tags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $14)
           ON CONFLICT DO NOTHING RETURNING ${clientColumns}),
         logged AS (
           INSERT INTO customers_client_changes (client_id, revision, change, changes, changed_by)
           SELECT id, 0, $11, $12::jsonb, $13 FROM inserted)
         SELECT * FROM inserted`,
        [...clientValues(client), audit.change ?? 'created', JSON.stringify(clientChanges(undefined, client)), audit.by, client.tags ?? []],
      );
      if (inserted.rows[0]) return { client: toClient(inserted.rows[0]), created: true };
      const existing = await this.db.query<ClientRow>(
        `SELECT ${clientColumns} FROM customers_clients
         WHERE phone = $1 OR legacy_id = $2 OR id = $3
         ORDER BY (legacy_id IS NOT DISTINCT FROM $2) DESC
         LIMIT 1`,
        [client.phone, client.legacyId ?? null, client.id],
      );
      if (existing.rows[0]) return { client: toClient(existing.rows[0]), created: false };
    }
    throw new Error(`client ${client.phone} neither inserted nor found after 3 attempts`);
  }

  async linkLegacyClient(legacyId: number, clientId: string): Promise<string> {
    await this.db.query('INSERT INTO customers_legacy_client_links (legacy_id, client_id) VALUES ($1, $2) ON CONFLICT (legacy_id) DO NOTHING', [
      legacyId,
      clientId,
    ]);
    const { rows } = await this.db.query<{ client_id: string }>('SELECT client_id FROM customers_legacy_client_links WHERE legacy_id = $1', [legacyId]);
    if (!rows[0]) throw new Error(`legacy client ${legacyId} not linked`);
    return rows[0].client_id;
  }

  async updateClient(c: Client, edit: ClientAudit & { readonly expectedRevision: number; readonly changes: ClientChanges }): Promise<number> {
    let rows: { revision: string | null; current: string | null }[];
    try {
      // The edit and its entry in the client's history, in one statement, only at the revision the editor read.
      ({ rows } = await this.db.query<{ revision: string | null; current: string | null }>(
        `WITH updated AS (
           UPDATE customers_clients SET first_name = $2, last_name = $3, middle_name = $4, phone = $5, email = $6, inn = $7,
             organisation = $8, name_key = $9, tags = $13, revision = revision + 1, updated_at = now()
           WHERE id = $1 AND revision = $10
           RETURNING revision),
         logged AS (
           INSERT INTO customers_client_changes (client_id, revision, change, changes, changed_by)
           SELECT $1, revision, 'edited', $11::jsonb, $12 FROM updated)
         SELECT (SELECT revision::text FROM updated) AS revision, (SELECT revision::text FROM customers_clients WHERE id = $1) AS current`,
        [
          c.id,
          c.firstName,
          c.lastName,
          c.middleName ?? null,
          c.phone,
          c.email ?? null,
          c.inn ?? null,
          c.organisation ?? null,
          clientNameKey(c),
          edit.expectedRevision,
          JSON.stringify(edit.changes),
          edit.by,
          c.tags ?? [],
        ],
      ));
    } catch (error) {
      if (isUniqueViolation(error, 'phone')) throw new PhoneTakenError(c.phone);
      throw error;
    }
    const [row] = rows;
    if (row?.revision === null || row?.revision === undefined) throw new StaleClientError(c.id, edit.expectedRevision, Number(row?.current ?? -1));
    return Number(row.revision);
  }

  async findOrderByCode(code: string): Promise<Order | undefined> {
    const { rows } = await this.db.query<OrderRow>(`SELECT ${orderColumns} FROM customers_orders WHERE code = $1`, [code]);
    return rows[0] && toOrder(rows[0]);
  }

  async insertOrderOrFind(order: Order, audit: ClientAudit = { by: SYSTEM }): Promise<{ order: Order; created: boolean }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // The order and an entry in its client's history (at the client's revision: an order is no edit of the client).
      const inserted = await this.db.query<OrderRow>(
        `WITH inserted AS (
           INSERT INTO customers_orders (id, code, name, cost, created_at, client_id) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING RETURNING ${orderColumns}),
         logged AS (
           INSERT INTO customers_client_changes (client_id, revision, change, changes, changed_by)
           SELECT i.client_id, c.revision, 'order-added', jsonb_build_object('order', jsonb_build_object('from', NULL, 'to', i.code)), $7
             FROM inserted i JOIN customers_clients c ON c.id = i.client_id)
         SELECT * FROM inserted`,
        [order.id, order.code, order.name, order.cost, order.createdAt, order.clientId, audit.by],
      );
      if (inserted.rows[0]) return { order: toOrder(inserted.rows[0]), created: true };
      const existing = await this.findOrderByCode(order.code);
      if (existing) return { order: existing, created: false };
    }
    throw new Error(`order ${order.code} neither inserted nor found after 3 attempts`);
  }

  async searchClientsByName(query: NameQuery, page: ClientSearchSlice): Promise<{ hits: ClientHit[]; total: number }> {
    const values: unknown[] = [page.limit, page.offset ?? 0, ...query.words.map(containing)];
    const conditions = query.words.map((_, i) => `name_key LIKE $${i + 3}`).join(' AND ');
    let after = '';
    if (page.after) {
      values.push(page.after.nameKey, page.after.uniqueKey);
      after = `WHERE (m.name_key COLLATE "C" > $${values.length - 1} OR (m.name_key = $${values.length - 1} AND ('o:' || m.id::text) COLLATE "C" > $${values.length}))`;
    }
    // One pass over the matches the trigram index finds: counted in the same scan, then the page in
    // "C" order (the byte order of UTF-8, as ClientSearch's code-point comparison). A separate count
    // stopped at the cap measured slower (bench:api): the planner scanned the table for a word it
    // thought broad, and the page walked the name-order index for a rare one.
    const { rows } = await this.db.query<ClientRow & { counted: number }>(
      `SELECT m.* FROM (SELECT ${clientColumns}, count(*) OVER ()::int AS counted FROM customers_clients WHERE ${conditions}) m
        ${after}
        ORDER BY m.name_key COLLATE "C", m.id::text COLLATE "C"
        LIMIT $1 OFFSET $2`,
      values,
    );
    const total = rows[0]?.counted ?? (page.after ? await this.countByName(query) : 0);
    return { hits: rows.map((r) => ({ client: toClient(r), nameKey: r.name_key })), total: Math.min(total, page.countUpTo + 1) };
  }

  private async countByName(query: NameQuery): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers_clients WHERE ${query.words.map((_, i) => `name_key LIKE $${i + 1}`).join(' AND ')}`,
      query.words.map(containing),
    );
    return rows[0].n;
  }

  async findMigrated(legacyIds: readonly number[], phones: readonly string[]): Promise<{ legacyIds: Set<number>; phones: Set<string> }> {
    const { rows } = await this.db.query<{ kind: 'legacy' | 'phone'; value: string }>(
      `SELECT 'legacy' AS kind, legacy_id::text AS value FROM customers_legacy_client_links WHERE legacy_id = ANY($1::bigint[])
       UNION
       SELECT 'legacy', legacy_id::text FROM customers_clients WHERE legacy_id = ANY($1::bigint[])
       UNION
       SELECT 'phone', phone FROM customers_clients WHERE phone = ANY($2::text[])`,
      [legacyIds, phones],
    );
    return {
      legacyIds: new Set(rows.filter((r) => r.kind === 'legacy').map((r) => Number(r.value))),
      phones: new Set(rows.filter((r) => r.kind === 'phone').map((r) => r.value)),
    };
  }
}
