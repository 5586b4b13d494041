/**
 * The processing backbone's tables: one checkpoint row per processor (where it is, who holds it)
 * and the events processors parked. Applied by the apps' migrations; tests apply it directly.
 */
export const processingSchema: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS processor_checkpoints (
    processor text PRIMARY KEY,
    version integer NOT NULL DEFAULT 1,
    position text,
    events_processed bigint NOT NULL DEFAULT 0,
    last_event_at timestamptz,
    filter jsonb NOT NULL DEFAULT '{}'::jsonb,
    holder text,
    holder_epoch bigint NOT NULL DEFAULT 0,
    holder_since timestamptz,
    state text,
    last_error text,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE IF NOT EXISTS parked_events (
    processor text NOT NULL,
    event_id text NOT NULL,
    stream_id text NOT NULL,
    revision bigint NOT NULL,
    position text NOT NULL,
    event_type text NOT NULL,
    attempts integer NOT NULL,
    last_error text NOT NULL,
    parked_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'parked' CHECK (status IN ('parked', 'retry-requested', 'retried', 'skipped')),
    requested_by text,
    requested_at timestamptz,
    reason text,
    outcome text,
    resolved_at timestamptz,
    PRIMARY KEY (processor, event_id)
  )`,
  `CREATE INDEX IF NOT EXISTS parked_events_open_idx ON parked_events (processor, parked_at) WHERE status IN ('parked', 'retry-requested')`,
];

/** Channel the CLI notifies (payload: the processor's name) after asking for a retry. */
export const PARKED_EVENTS_CHANNEL = 'switchboard_parked_events';

/** Advisory lock class of processors (the key is `hashtext(<processor name>)`). */
export const PROCESSOR_LOCK_CLASS = 0x5b0a_7001;
