import { Migration } from '@mikro-orm/migrations';

/** The problem list (ADR 0022): one row per problem, and what is linked to it (incidents, requests). */
export class ReadModelsProblemsMigration20261207003001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS rm_problems (
        id uuid PRIMARY KEY,
        last_revision bigint NOT NULL,
        service_code integer NOT NULL,
        title text NOT NULL,
        origin text NOT NULL,
        state text NOT NULL,
        resolution text,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        incident_count integer NOT NULL DEFAULT 0,
        request_count integer NOT NULL DEFAULT 0
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS rm_problems_opened_idx ON rm_problems (opened_at DESC, id)');
    this.addSql(`
      CREATE TABLE IF NOT EXISTS rm_problem_links (
        problem_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('incident', 'request')),
        entity_id uuid NOT NULL,
        linked_by text NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (problem_id, kind, entity_id)
      )`);
    this.addSql('CREATE INDEX IF NOT EXISTS rm_problem_links_entity_idx ON rm_problem_links (kind, entity_id)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS rm_problem_links');
    this.addSql('DROP TABLE IF EXISTS rm_problems');
  }
}
