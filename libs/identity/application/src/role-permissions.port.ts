import type { Permission } from '@switchboard/identity/domain';

/** Turns a principal's roles into what they may do under the current mapping (ADR 0031). */
export interface RolePermissionsResolver {
  permissionsFor(roles: readonly string[]): Promise<ReadonlySet<Permission>>;
  /** Forget any cached mapping (after a change made in this process). */
  invalidate?(): void;
}

export const ROLE_PERMISSIONS_RESOLVER = Symbol('RolePermissionsResolver');

/** The event store the roles' permission streams live in. */
export const ACCESS_EVENT_STORE = Symbol('AccessEventStore');
