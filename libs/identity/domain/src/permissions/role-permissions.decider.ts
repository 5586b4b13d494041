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
    /**
     * The role's whole list right after the change, in catalogue order (for the history). The role
     * resolves as its defaults ∪ every grant − every revocation since (`resolveRolePermissions`), so
     * a permission added to its defaults later reaches an edited role too.
     */
    readonly permissions: readonly Permission[];
    readonly by: string;
    readonly at: string;
  };
}
export type RolePermissionsEvent = RolePermissionsChanged;

/**
 * What the administrators changed against the default mapping (ADR 0031): granted beyond it,
 * revoked from it. `changed` false: never changed, the default mapping applies as it is.
 */
export interface RolePermissionsState {
  readonly changed: boolean;
  readonly granted: readonly Permission[];
  readonly revoked: readonly Permission[];
}

/** The deltas after one more change: a grant undoes an earlier revocation and the reverse. */
export function foldPermissionChange(
  state: { readonly granted: readonly string[]; readonly revoked: readonly string[] },
  granted: readonly string[],
  revoked: readonly string[],
): Pick<RolePermissionsState, 'granted' | 'revoked'> {
  // Permissions retired from the catalogue since they were recorded are dropped on read.
  const g = new Set([...state.granted, ...granted].filter(isPermission));
  const r = new Set([...state.revoked, ...revoked].filter(isPermission));
  for (const p of revoked) g.delete(p as Permission);
  for (const p of granted) r.delete(p as Permission);
  return { granted: inCatalogueOrder(g), revoked: inCatalogueOrder(r) };
}

/** A role's permissions: its defaults (as the code has them now) ∪ granted − revoked, in catalogue order. */
export function resolveRolePermissions(defaults: readonly Permission[], change: Pick<RolePermissionsState, 'granted' | 'revoked'>): readonly Permission[] {
  const held = new Set([...defaults, ...change.granted]);
  for (const p of change.revoked) held.delete(p);
  return inCatalogueOrder(held);
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

function inCatalogueOrder(held: ReadonlySet<Permission>): Permission[] {
  return cataloguePermissions.filter((p) => held.has(p));
}

type Defaults = Readonly<Record<Role, readonly Permission[]>>;

/** The role's permissions now: its defaults with the stream's grants and revocations applied. */
export const currentPermissions = (role: Role, state: RolePermissionsState, defaults: Defaults = defaultRolePermissions): readonly Permission[] =>
  resolveRolePermissions(defaults[role], state);

const decide =
  (defaults: Defaults) =>
  (command: RolePermissionsCommand, state: RolePermissionsState): RolePermissionsEvent[] => {
    const role = command.role;
    if (!isRole(role)) throw new RolePermissionsError('unknown-role', `There is no role ${role}.`);
    if (!administeredRoles(role))
      throw new RolePermissionsError('role-not-administered', `${role} is not administered by permissions: residents use the portal.`);
    const unknown = command.permissions.filter((p) => !isPermission(p));
    if (unknown.length > 0) throw new RolePermissionsError('unknown-permission', `Not in the permission catalogue: ${unknown.join(', ')}.`, unknown);
    const named = new Set(command.permissions as readonly Permission[]);
    const before = new Set(currentPermissions(role, state, defaults));
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
  };

function evolve(state: RolePermissionsState, event: RolePermissionsEvent): RolePermissionsState {
  switch (event.type) {
    case 'RolePermissionsChanged':
      return { changed: true, ...foldPermissionChange(state, event.data.granted, event.data.revoked) };
    default:
      return assertNever(event.type);
  }
}

/** The decider under a defaults table (the code's, or a test's). */
export const rolePermissionsDeciderWith = (defaults: Defaults): Decider<RolePermissionsCommand, RolePermissionsEvent, RolePermissionsState> => ({
  decide: decide(defaults),
  evolve,
  initialState: { changed: false, granted: [], revoked: [] },
});

export const rolePermissionsDecider = rolePermissionsDeciderWith(defaultRolePermissions);
