import { Migration } from '@mikro-orm/migrations';

/**
 * The PostgreSQL read models: projection bookkeeping, the tables the projections own, user-owned
 * saved filters, and search indexes on the customers tables (state-stored, queried in place).
 * Indexes serve keyset pagination: (sort column, id) alone and behind each visibility or filter
 * column. pg_trgm is optional: without it text search still works, by sequential scan.
 */
/** Rebuild progress: what a rebuild needs besides the processors' checkpoint table. */
export const projectionRebuildSchema: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS rm_rebuilds (
    projection text PRIMARY KEY,
    version integer NOT NULL,
    position text,
    events_applied bigint NOT NULL DEFAULT 0,
    last_event_at timestamptz,
    started_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
];

/** The read models' own checkpoints as first migrated; ProcessorsMigration20261126000000 moves them to processor_checkpoints. */
const projectionCheckpointsV1 = `CREATE TABLE IF NOT EXISTS rm_checkpoints (
    projection text PRIMARY KEY,
    version integer NOT NULL,
    position text,
    events_applied bigint NOT NULL DEFAULT 0,
    last_event_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`;

export const readModelsSchema: readonly string[] = [
  projectionCheckpointsV1,
  ...projectionRebuildSchema,

  // Work-group code → Keycloak group name. Explicit rows win; otherwise the catalogue name, slugged
  // ('Network L3' → 'network-l3'), which is how the shipped realm names its groups.
  `CREATE TABLE IF NOT EXISTS rm_work_groups (
    code integer PRIMARY KEY,
    keycloak_group text NOT NULL UNIQUE,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE OR REPLACE VIEW rm_work_group_access AS
    SELECT m.code, m.keycloak_group FROM rm_work_groups m
    UNION ALL
    SELECT g.code, lower(trim(both '-' from regexp_replace(g.name, '[^[:alnum:]]+', '-', 'g'))) AS keycloak_group
      FROM catalogue_work_groups g
     WHERE NOT EXISTS (SELECT 1 FROM rm_work_groups m WHERE m.code = g.code)`,

  `CREATE TABLE IF NOT EXISTS rm_requests (
    id uuid PRIMARY KEY,
    last_revision bigint NOT NULL,
    state text NOT NULL,
    channel text NOT NULL,
    contact_address text NOT NULL,
    contact_name text,
    subject text,
    department text,
    assignee_id text,
    client_id uuid,
    order_id uuid,
    order_code text,
    service_code integer,
    incident_id uuid,
    incident_state text,
    incident_assignee_id text,
    incident_work_group_code integer,
    closed_reason text,
    message_count integer NOT NULL DEFAULT 0,
    last_message_text text,
    last_message_at timestamptz,
    last_message_direction text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    closed_at timestamptz,
    search_text text GENERATED ALWAYS AS (coalesce(subject, '') || ' ' || coalesce(last_message_text, '')) STORED
  )`,
  'CREATE INDEX IF NOT EXISTS rm_requests_updated_idx ON rm_requests (updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_requests_created_idx ON rm_requests (created_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_requests_assignee_updated_idx ON rm_requests (assignee_id, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_requests_department_updated_idx ON rm_requests (department, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_requests_department_state_updated_idx ON rm_requests (department, state, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_requests_state_updated_idx ON rm_requests (state, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_requests_client_updated_idx ON rm_requests (client_id, updated_at, id)',
  // SL3 visibility of requests: through the request's incident, copied onto the row.
  'CREATE INDEX IF NOT EXISTS rm_requests_incident_assignee_updated_idx ON rm_requests (incident_assignee_id, updated_at, id) WHERE incident_assignee_id IS NOT NULL',
  'CREATE INDEX IF NOT EXISTS rm_requests_incident_work_group_updated_idx ON rm_requests (incident_work_group_code, updated_at, id) WHERE incident_work_group_code IS NOT NULL',
  // The request-list projection's copy of each incident (incident stream revision), whatever arrives first.
  `CREATE TABLE IF NOT EXISTS rm_request_incidents (
    incident_id uuid PRIMARY KEY,
    request_id uuid NOT NULL,
    last_revision bigint NOT NULL,
    state text NOT NULL,
    assignee_id text,
    work_group_code integer NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS rm_request_incidents_request_idx ON rm_request_incidents (request_id)',
  `CREATE TABLE IF NOT EXISTS rm_request_messages (
    request_id uuid NOT NULL,
    revision bigint NOT NULL,
    kind text NOT NULL,
    message_id text NOT NULL,
    channel text NOT NULL,
    text text NOT NULL,
    attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
    author text NOT NULL,
    at timestamptz NOT NULL,
    delivery text,
    delivery_reason text,
    channel_message_id text,
    delivery_at timestamptz,
    PRIMARY KEY (request_id, revision)
  )`,
  'CREATE INDEX IF NOT EXISTS rm_request_messages_outbound_idx ON rm_request_messages (request_id, message_id)',

  `CREATE TABLE IF NOT EXISTS rm_incidents (
    id uuid PRIMARY KEY,
    last_revision bigint NOT NULL,
    request_id uuid NOT NULL,
    state text NOT NULL,
    service_code integer NOT NULL,
    work_group_code integer NOT NULL,
    assignee_id text,
    request_department text,
    request_assignee_id text,
    hold_reason text,
    resolution text,
    cancel_reason text,
    narrative_count integer NOT NULL DEFAULT 0,
    last_narrative_text text,
    last_narrative_at timestamptz,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    closed_at timestamptz,
    search_text text GENERATED ALWAYS AS (coalesce(resolution, '') || ' ' || coalesce(last_narrative_text, '')) STORED
  )`,
  'CREATE INDEX IF NOT EXISTS rm_incidents_updated_idx ON rm_incidents (updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_created_idx ON rm_incidents (created_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_request_idx ON rm_incidents (request_id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_assignee_updated_idx ON rm_incidents (assignee_id, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_work_group_updated_idx ON rm_incidents (work_group_code, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_state_updated_idx ON rm_incidents (state, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_service_updated_idx ON rm_incidents (service_code, updated_at, id)',
  // Help-desk visibility of incidents: through the incident's request, copied onto the row.
  'CREATE INDEX IF NOT EXISTS rm_incidents_request_assignee_updated_idx ON rm_incidents (request_assignee_id, updated_at, id)',
  'CREATE INDEX IF NOT EXISTS rm_incidents_request_department_updated_idx ON rm_incidents (request_department, updated_at, id)',
  // The incident-list projection's copy of each request's department and assignee (request stream revision).
  `CREATE TABLE IF NOT EXISTS rm_incident_requests (
    request_id uuid PRIMARY KEY,
    last_revision bigint NOT NULL,
    department text,
    assignee_id text
  )`,
  `CREATE TABLE IF NOT EXISTS rm_incident_narrative (
    incident_id uuid NOT NULL,
    revision bigint NOT NULL,
    narrative_id text NOT NULL,
    text text NOT NULL,
    author text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (incident_id, revision)
  )`,

  `CREATE TABLE IF NOT EXISTS rm_status_history (
    entity_type text NOT NULL,
    entity_id uuid NOT NULL,
    revision bigint NOT NULL,
    event_type text NOT NULL,
    from_state text,
    to_state text NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (entity_type, entity_id, revision)
  )`,

  `CREATE TABLE IF NOT EXISTS rm_saved_filters (
    id uuid PRIMARY KEY,
    user_id text NOT NULL,
    resource text NOT NULL CHECK (resource IN ('requests', 'incidents')),
    name text NOT NULL,
    filters jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rm_saved_filters_name_unique UNIQUE (user_id, resource, name)
  )`,

  // Prefix search on the customers context's tables (its engineer owns the tables, we own these indexes).
  'CREATE INDEX IF NOT EXISTS rm_customers_clients_phone_prefix_idx ON customers_clients (phone text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS rm_customers_orders_code_prefix_idx ON customers_orders (code text_pattern_ops)',
  'CREATE INDEX IF NOT EXISTS rm_customers_orders_created_idx ON customers_orders (created_at, id)',

  // Trigram indexes when the server has pg_trgm (contrib). Client names are searched on the
  // customers context's own name_key (and its trigram index); organisations on ours.
  `DO $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')
       AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
      BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pg_trgm could not be created (%); text search runs without trigram indexes', SQLERRM;
      END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      EXECUTE 'CREATE INDEX IF NOT EXISTS rm_requests_search_trgm_idx ON rm_requests USING gin (search_text gin_trgm_ops)';
      EXECUTE 'CREATE INDEX IF NOT EXISTS rm_incidents_search_trgm_idx ON rm_incidents USING gin (search_text gin_trgm_ops)';
      EXECUTE 'CREATE INDEX IF NOT EXISTS rm_customers_clients_organisation_trgm_idx ON customers_clients USING gin (organisation gin_trgm_ops)';
      EXECUTE 'CREATE INDEX IF NOT EXISTS rm_customers_orders_code_trgm_idx ON customers_orders USING gin (code gin_trgm_ops)';
      EXECUTE 'CREATE INDEX IF NOT EXISTS rm_customers_orders_name_trgm_idx ON customers_orders USING gin (name gin_trgm_ops)';
    END IF;
  END
  $$`,
];

export class ReadModelsMigration20261125000000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of readModelsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const index of [
      'rm_customers_clients_organisation_trgm_idx',
      'rm_customers_orders_code_trgm_idx',
      'rm_customers_orders_name_trgm_idx',
      'rm_customers_clients_phone_prefix_idx',
      'rm_customers_orders_code_prefix_idx',
      'rm_customers_orders_created_idx',
    ]) {
      this.addSql(`DROP INDEX IF EXISTS ${index}`);
    }
    this.addSql('DROP VIEW IF EXISTS rm_work_group_access');
    for (const table of [
      'rm_saved_filters',
      'rm_status_history',
      'rm_incident_requests',
      'rm_incident_narrative',
      'rm_incidents',
      'rm_request_incidents',
      'rm_request_messages',
      'rm_requests',
      'rm_work_groups',
      'rm_rebuilds',
      'rm_checkpoints',
    ]) {
      this.addSql(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
