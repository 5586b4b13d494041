import type { RecordedEvent } from '@switchboard/eventstore';
import type { ProcessorDefinition, ProcessorTransaction } from '@switchboard/eventstore/processing';
import { ROLE_PERMISSIONS_STREAM_PREFIX } from '@switchboard/identity/domain';
import type { RolePermissionsChanged } from '@switchboard/identity/domain';

export const ROLE_PERMISSIONS_PROJECTION = 'access-role-permissions';

/**
 * `access_role_permissions` on the processing backbone (ADR 0031), in the processor's transaction
 * with its checkpoint. Each event carries the role's whole list, so a row is its last event; the
 * version guard makes a replay a no-op.
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
  await tx.query(
    `INSERT INTO access_role_permissions (role, permissions, version, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (role) DO UPDATE SET permissions = EXCLUDED.permissions, version = EXCLUDED.version, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
     WHERE access_role_permissions.version < EXCLUDED.version`,
    [d.role, d.permissions, recorded.revision.toString(), d.by, d.at],
  );
}
