import { Migration } from '@mikro-orm/migrations';

/** Communication templates: per-language bodies as JSON, a version per edit (If-Match). */
export const communicationTemplatesSchema = [
  `CREATE TABLE IF NOT EXISTS communication_templates (
    id text PRIMARY KEY,
    name text NOT NULL,
    communication_type text NOT NULL,
    bodies jsonb NOT NULL,
    version integer NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
];

export class CommunicationTemplatesMigration20261207005000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of communicationTemplatesSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS communication_templates');
  }
}
