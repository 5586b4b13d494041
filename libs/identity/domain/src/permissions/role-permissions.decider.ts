import { assertNever } from '@switchboard/kernel';
import type { Decider } from '@switchboard/kernel';
import { isRole } from '../role';
import type { Role } from '../role';
import { defaultRolePermissions } from './default-role-permissions';
import { isPermission, permissions as cataloguePermissions } from './permission-catalogue';
import type { Permission } from './permission-catalogue';

/** One stream per role: the role's permissions as a history of changes (ADR 0031). */
export const ROLE_PERMISSIONS_STREAM_PREFIX = 'role-permissions-';
export const rolePermissionsStreamId = (role: Role): string => `${ROLE_PERMISSIONS_STREAM_PREFIX}${role}`;

/** Residents stay role-based (ADR 0030, 0031): the portal's routes are theirs, and no permission is. */
export const administeredRoles = (role: string): role is Exclude<Role, 'Resident'> => isRole(role) && role !== 'Resident';

export type RolePermissionsCommand =
  | { readonly type: 'GrantPermissions'; readonly role: string; readonly permissions: readonly string[]; readonly by: string; readonly now: Date }
  | { readonly type: 'RevokePermissions'; readonly role: string; readonly permissions: readonly string[]; readonly by: string; readonly now: Date }
  | { readonly type: 'SetRolePermissions'; readonly role: string; readonly permissions: readonly string[]; readonly by: string; readonly now: Date };

export interface RolePermissionsChanged {
  readonly type: 'RolePermissionsChanged';
  readonly data: {
    readonly role: Role;
    readonly granted: readonly Permission[];
    readonly revoked: readonly Permission[];
    /** The role's whole list after the change, in catalogue order: a projection needs no history. */
    readonly permissions: readonly Permission[];
    readonly by: string;
    readonly at: string;
  };
}
export type RolePermissionsEvent = RolePermissionsChanged;

/** `permissions` undefined: never changed, the default mapping applies. */
export interface RolePermissionsState {
  readonly permissions: readonly Permission[] | undefined;
}

export class RolePermissionsError extends Error {
  constructor(
    readonly rule: 'unknown-role' | 'role-not-administered' | 'unknown-permission' | 'access-admin-lockout',
    message: string,
    readonly unknown: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RolePermissionsError';
  }
}

const inCatalogueOrder = (held: ReadonlySet<Permission>): Permission[] => cataloguePermissions.filter((p) => held.has(p));

/** The role's permissions now: the stream's last list, else the default mapping. */
export const currentPermissions = (role: Role, state: RolePermissionsState): readonly Permission[] => state.permissions ?? defaultRolePermissions[role];

function decide(command: RolePermissionsCommand, state: RolePermissionsState): RolePermissionsEvent[] {
  const role = command.role;
  if (!isRole(role)) throw new RolePermissionsError('unknown-role', `There is no role ${role}.`);
  if (!administeredRoles(role))
    throw new RolePermissionsError('role-not-administered', `${role} is not administered by permissions: residents use the portal.`);
  const unknown = command.permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) throw new RolePermissionsError('unknown-permission', `Not in the permission catalogue: ${unknown.join(', ')}.`, unknown);
  const named = new Set(command.permissions as readonly Permission[]);
  const before = new Set(currentPermissions(role, state));
  const after = new Set(before);
  switch (command.type) {
    case 'GrantPermissions':
      for (const p of named) after.add(p);
      break;
    case 'RevokePermissions':
      for (const p of named) after.delete(p);
      break;
    case 'SetRolePermissions':
      after.clear();
      for (const p of named) after.add(p);
      break;
    default:
      return assertNever(command);
  }
  // Without it nobody could give it back: the mapping would be frozen until someone edits the stream.
  if (role === 'AccessAdmin' && !after.has('access.admin')) {
    throw new RolePermissionsError('access-admin-lockout', 'AccessAdmin keeps access.admin: without it nobody could administer access.');
  }
  const granted = inCatalogueOrder(new Set([...after].filter((p) => !before.has(p))));
  const revoked = inCatalogueOrder(new Set([...before].filter((p) => !after.has(p))));
  if (granted.length === 0 && revoked.length === 0) return [];
  return [
    { type: 'RolePermissionsChanged', data: { role, granted, revoked, permissions: inCatalogueOrder(after), by: command.by, at: command.now.toISOString() } },
  ];
}

function evolve(_state: RolePermissionsState, event: RolePermissionsEvent): RolePermissionsState {
  switch (event.type) {
    case 'RolePermissionsChanged':
      // Permissions retired from the catalogue since the event was written are dropped on read.
      return { permissions: event.data.permissions.filter((p) => isPermission(p)) };
    default:
      return assertNever(event.type);
  }
}

export const rolePermissionsDecider: Decider<RolePermissionsCommand, RolePermissionsEvent, RolePermissionsState> = {
  decide,
  evolve,
  initialState: { permissions: undefined },
};
