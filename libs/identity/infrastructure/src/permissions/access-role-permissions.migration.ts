import { Migration } from '@mikro-orm/migrations';

/**
 * The role → permissions mapping as the authentication guard reads it (ADR 0031), projected from
 * the `role-permissions-<Role>` streams: one row per role that was ever changed through the API
 * (a role without a row holds the default mapping). `version` is the stream revision applied, so
 * a replayed event is a no-op.
 */
export const accessRolePermissionsSchema = [
  `CREATE TABLE IF NOT EXISTS access_role_permissions (
    role text PRIMARY KEY,
    permissions text[] NOT NULL,
    version bigint NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL
  )`,
];

export class AccessRolePermissionsMigration20261209100000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of accessRolePermissionsSchema) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS access_role_permissions');
  }
}
