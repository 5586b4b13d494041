import type { RecordedEvent } from '@switchboard/eventstore';
import type { ProcessorDefinition, ProcessorTransaction } from '@switchboard/eventstore/processing';
import { ROLE_PERMISSIONS_STREAM_PREFIX, foldPermissionChange } from '@switchboard/identity/domain';
import type { RolePermissionsChanged } from '@switchboard/identity/domain';

export const ROLE_PERMISSIONS_PROJECTION = 'access-role-permissions';

/**
 * `access_role_permissions` on the processing backbone (ADR 0031), in the processor's transaction
 * with its checkpoint. A row folds the role's changes into what was granted and revoked against the
 * defaults (the resolver applies them to the defaults of the running code) and keeps the last list
 * for reference; the version guard makes a replay a no-op.
 */
export function rolePermissionsProjection(): ProcessorDefinition {
  return {
    name: ROLE_PERMISSIONS_PROJECTION,
    version: 1,
    filter: { streamPrefixes: [ROLE_PERMISSIONS_STREAM_PREFIX], eventTypes: ['RolePermissionsChanged'] },
    batch: { maxEvents: 100 },
    handler: {
      kind: 'transactional',
      async handle(tx: ProcessorTransaction, events: readonly RecordedEvent[]) {
        for (const event of events) await apply(tx, event);
      },
    },
  };
}

async function apply(tx: ProcessorTransaction, recorded: RecordedEvent): Promise<void> {
  if (recorded.type !== 'RolePermissionsChanged') return;
  const d = recorded.data as RolePermissionsChanged['data'];
  const { rows } = await tx.query<{ granted: string[]; revoked: string[]; version: string }>(
    'SELECT granted, revoked, version::text AS version FROM access_role_permissions WHERE role = $1 FOR UPDATE',
    [d.role],
  );
  const row = rows[0];
  if (row && BigInt(row.version) >= recorded.revision) return;
  const folded = foldPermissionChange({ granted: row?.granted ?? [], revoked: row?.revoked ?? [] }, d.granted, d.revoked);
  await tx.query(
    `INSERT INTO access_role_permissions (role, permissions, granted, revoked, version, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (role) DO UPDATE SET permissions = EXCLUDED.permissions, granted = EXCLUDED.granted, revoked = EXCLUDED.revoked,
       version = EXCLUDED.version, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
     WHERE access_role_permissions.version < EXCLUDED.version`,
    [d.role, d.permissions, folded.granted, folded.revoked, recorded.revision.toString(), d.by, d.at],
  );
}
