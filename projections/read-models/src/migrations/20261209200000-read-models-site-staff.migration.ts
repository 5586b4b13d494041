import { Migration } from '@mikro-orm/migrations';

/**
 * Site staff read the requests of their sites (ADR 0032): the rule is one column, `site_slug`, and
 * like every visibility rule it gets an index with the list order (newest activity first), so a
 * site manager's or head office's page is one ordered index range.
 */
export class ReadModelsSiteStaffMigration20261209200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE INDEX IF NOT EXISTS rm_requests_site_updated_idx ON rm_requests (site_slug, updated_at, id) WHERE site_slug IS NOT NULL');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS rm_requests_site_updated_idx');
  }
}
