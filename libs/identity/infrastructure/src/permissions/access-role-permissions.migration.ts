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

/**
 * An edited role resolves as its defaults ∪ granted − revoked (ADR 0031, "Consequences"), so the
 * row keeps the deltas of every change, not only the list after the last one. Rows written before
 * carry no deltas: they are dropped and the projection's checkpoint rewound, and the projection
 * rebuilds them from the role streams (a handful of events).
 */
export const accessRolePermissionDeltasSchema = [
  `ALTER TABLE access_role_permissions ADD COLUMN IF NOT EXISTS granted text[] NOT NULL DEFAULT '{}'`,
  `ALTER TABLE access_role_permissions ADD COLUMN IF NOT EXISTS revoked text[] NOT NULL DEFAULT '{}'`,
];

export class AccessRolePermissionDeltasMigration20261209400000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of accessRolePermissionDeltasSchema) this.addSql(statement);
    this.addSql('DELETE FROM access_role_permissions');
    this.addSql(`DO $$ BEGIN
      IF to_regclass('processor_checkpoints') IS NOT NULL THEN
        UPDATE processor_checkpoints SET position = NULL, events_processed = 0 WHERE processor = 'access-role-permissions';
      END IF;
    END $$`);
  }

  override async down(): Promise<void> {
    this.addSql('ALTER TABLE access_role_permissions DROP COLUMN IF EXISTS granted, DROP COLUMN IF EXISTS revoked');
  }
}
