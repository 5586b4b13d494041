import { Migration } from '@mikro-orm/migrations';

/**
 * The site (slug) a request's building belongs to, as RequestRegistered carries it since the site
 * SLA report: the report groups by it and a site manager's scope is a WHERE on it. Null for requests
 * registered for no place and for those registered before (their events carry none).
 */
export class ReadModelsRequestSitesMigration20261208500000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE rm_requests ADD COLUMN IF NOT EXISTS site_slug text');
    this.addSql('CREATE INDEX IF NOT EXISTS rm_requests_site_created_idx ON rm_requests (site_slug, created_at) WHERE site_slug IS NOT NULL');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS rm_requests_site_created_idx');
    this.addSql('ALTER TABLE rm_requests DROP COLUMN IF EXISTS site_slug');
  }
}
