import { isRole, roles as allRoles } from './role';
import type { Role } from './role';

/** An operator as the corporate directory (Keycloak) knows them. */
export interface DirectoryUser {
  readonly id: string;
  readonly username: string;
  /** Corporate email; empty when the directory has none. */
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  /** Full group paths, e.g. `/work-groups/network-l3`, sorted. */
  readonly groups: readonly string[];
  /** Switchboard's realm roles only; other realm roles (offline_access, defaults) are dropped. */
  readonly roles: readonly Role[];
  /** Keycloak user id of the user's manager (the `managerId` user attribute). */
  readonly managerId?: string;
}

/** What an adapter read about a user, before it is shaped the same way for every adapter. */
export interface DirectoryUserRecord {
  readonly id: string;
  readonly username: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly groups: readonly string[];
  readonly realmRoles: readonly string[];
  readonly managerId?: string;
}

export function directoryUser(record: DirectoryUserRecord): DirectoryUser {
  const managerId = record.managerId?.trim();
  return {
    id: record.id,
    username: record.username,
    email: record.email ?? '',
    firstName: record.firstName ?? '',
    lastName: record.lastName ?? '',
    groups: [...new Set(record.groups)].sort(),
    roles: allRoles.filter((role) => record.realmRoles.filter(isRole).includes(role)),
    ...(managerId ? { managerId } : {}),
  };
}

/** How people read a user: "First Last", or the username when the directory has no name. */
export function displayNameOf(user: Pick<DirectoryUser, 'firstName' | 'lastName' | 'username'>): string {
  return [user.firstName, user.lastName].filter((part) => part.trim()).join(' ') || user.username;
}

const DEPARTMENTS = '/departments/';
const WORK_GROUPS = '/work-groups/';
const SITES = '/sites/';

const under = (groups: readonly string[], prefix: string) => groups.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));

/** The help-desk departments and L3 work groups among a user's group paths (names, without the parent). */
export function teamsOf(groups: readonly string[]): { departments: string[]; workGroups: string[] } {
  return { departments: under(groups, DEPARTMENTS), workGroups: under(groups, WORK_GROUPS) };
}

/** The sites (slugs of groups under /sites) a user covers. */
export const sitesOf = (groups: readonly string[]): string[] => under(groups, SITES);

export const departmentGroupPath = (department: string): string => `${DEPARTMENTS}${department}`;
export const workGroupPath = (workGroup: string): string => `${WORK_GROUPS}${workGroup}`;
