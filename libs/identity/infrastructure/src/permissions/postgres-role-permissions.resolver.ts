import type { Pool } from 'pg';
import { defaultRolePermissions, isRole, permissionsOfRoles, foldPermissionChange, resolveRolePermissions } from '@switchboard/identity/domain';
import type { Permission, Role } from '@switchboard/identity/domain';
import type { RolePermissionsResolver } from '@switchboard/identity';

/** How old the cached mapping may be before a request reloads it: a change reaches every process within this (plus the projection's lag). */
export const ROLE_PERMISSIONS_REFRESH_MS = 1000;

type Mapping = Partial<Record<Role, readonly Permission[]>>;

/**
 * The guard's view of the mapping (ADR 0031): `access_role_permissions` held in memory and read
 * again, one small query, when older than `refreshMs`; concurrent requests share one reload. A role
 * without a row holds the default mapping; a role with one, its defaults ∪ granted − revoked, so a
 * permission a release adds to its defaults reaches an edited role too (`defaults`: the code's). Until the first read succeeds, requests wait for it; a
 * failed reload keeps the last mapping (and is tried again by the next request).
 */
export class PostgresRolePermissionsResolver implements RolePermissionsResolver {
  private mapping: Mapping | undefined;
  private loadedAt = 0;
  private loading: Promise<Mapping> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly refreshMs = ROLE_PERMISSIONS_REFRESH_MS,
    private readonly now: () => number = Date.now,
    private readonly defaults: Readonly<Record<Role, readonly Permission[]>> = defaultRolePermissions,
  ) {}

  async permissionsFor(roles: readonly string[]): Promise<ReadonlySet<Permission>> {
    return permissionsOfRoles(roles, { ...this.defaults, ...(await this.current()) });
  }

  /** Forget the cached mapping: the next request reads the table. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async current(): Promise<Mapping> {
    if (this.mapping && this.now() - this.loadedAt < this.refreshMs) return this.mapping;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    try {
      return await this.loading;
    } catch (error) {
      if (this.mapping) return this.mapping;
      throw error;
    }
  }

  private async load(): Promise<Mapping> {
    const startedAt = this.now();
    const { rows } = await this.pool.query<{ role: string; granted: string[]; revoked: string[] }>(
      'SELECT role, granted, revoked FROM access_role_permissions',
    );
    const mapping: Mapping = {};
    for (const row of rows)
      if (isRole(row.role))
        mapping[row.role] = resolveRolePermissions(this.defaults[row.role], foldPermissionChange({ granted: [], revoked: [] }, row.granted, row.revoked));
    this.mapping = mapping;
    this.loadedAt = startedAt;
    return mapping;
  }
}
