import { permissionsOfRoles } from './default-role-permissions';
import type { Permission } from './permission-catalogue';

/** Who holds permissions: a principal, or anything that carries its roles (and, once resolved, its permissions). */
export interface PermissionHolder {
  readonly roles: readonly string[];
  readonly permissions?: ReadonlySet<Permission>;
}

/**
 * The permissions a principal holds: those the authentication guard resolved from the current
 * mapping; a principal built elsewhere (a unit test, a process manager acting for the system)
 * carries none, and gets its roles' default mapping.
 */
export const permissionsOf = (principal: PermissionHolder): ReadonlySet<Permission> => principal.permissions ?? permissionsOfRoles(principal.roles);

/** Whether the principal holds at least one of these permissions. */
export const holds = (principal: PermissionHolder, ...wanted: Permission[]): boolean => {
  const held = permissionsOf(principal);
  return wanted.some((p) => held.has(p));
};
