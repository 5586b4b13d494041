/**
 * The LegacyDB's schema as the old system has it: one full-name field, free-text phones, orders
 * without a foreign key. Shared by the generator and the source so both read the same columns.
 */
export const legacySchemaSql = [
  'DROP TABLE IF EXISTS legacy_orders',
  'DROP TABLE IF EXISTS legacy_clients',
  `CREATE TABLE legacy_clients (
     client_no serial PRIMARY KEY,
     fio text NOT NULL,
     tel text,
     e_mail text,
     inn text,
     org_name text,
     created date
   )`,
  `CREATE TABLE legacy_orders (
     order_no text NOT NULL,
     client_no int NOT NULL,
     descr text,
     summa numeric(12, 2) NOT NULL,
     dt timestamp NOT NULL
   )`,
];

/** How a legacy phone is matched: its last ten digits, whatever it was written like. */
export const legacyPhoneTailSql = "right(regexp_replace(tel, '[^0-9]', '', 'g'), 10)";

/** How a legacy full name is matched: lower case, `ё` as `е` (as `normaliseForSearch`). */
export const legacyNameSql = "translate(lower(fio), 'ё', 'е')";

/**
 * Indexes Switchboard needs on the LegacyDB replica for its lookups (phone, order code, owner,
 * name search). The generator creates them; a real replica needs them added once.
 */
export const legacyReplicaIndexesSql = [
  `CREATE INDEX IF NOT EXISTS legacy_clients_tel_tail_idx ON legacy_clients ((${legacyPhoneTailSql}))`,
  'CREATE INDEX IF NOT EXISTS legacy_orders_order_no_idx ON legacy_orders (order_no)',
  'CREATE INDEX IF NOT EXISTS legacy_orders_client_no_idx ON legacy_orders (client_no)',
];

/** A trigram index for name search, where the replica has pg_trgm; search scans without it. */
export const legacyNameIndexSql = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE INDEX IF NOT EXISTS legacy_clients_name_trgm_idx ON legacy_clients USING gin ((${legacyNameSql}) gin_trgm_ops)`,
];
