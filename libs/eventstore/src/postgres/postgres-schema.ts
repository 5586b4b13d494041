const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

export function assertSchemaName(schema: string): void {
  if (!IDENTIFIER.test(schema)) throw new TypeError(`Invalid PostgreSQL schema name for the event store: '${schema}'`);
}

export const STREAM_REVISION_CONSTRAINT = 'events_stream_revision_unique';

/**
 * The whole schema, safe to run again: one table. The primary key is the read order
 * (transaction id, global position); the unique (stream, revision) key is what decides a race
 * between two appends at the same expected revision.
 */
export function schemaStatements(schema: string): string[] {
  assertSchemaName(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
    `CREATE TABLE IF NOT EXISTS "${schema}".events (
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text COLLATE "C" NOT NULL,
      revision bigint NOT NULL CHECK (revision >= 0),
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_position),
      CONSTRAINT ${STREAM_REVISION_CONSTRAINT} UNIQUE (stream_id, revision)
    )`,
  ];
}

/** Serialises concurrent schema creation (CREATE ... IF NOT EXISTS alone can still collide). */
export const SCHEMA_LOCK_KEY = 0x45_56_53_54; // "EVST"
