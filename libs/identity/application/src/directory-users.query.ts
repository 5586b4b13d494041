import { departmentGroupPath, displayNameOf, holds, isTechnician, teamsOf, workGroupPath } from '@switchboard/identity/domain';
import type { DirectoryUser, Principal, Role } from '@switchboard/identity/domain';
import type { UserDirectory } from './user-directory.port';

export interface DirectoryUserFilters {
  readonly role?: Role;
  readonly department?: string;
  readonly workGroup?: string;
  /** Part of the username, the name or the email, in any case. */
  readonly q?: string;
}

/** A user as a picker shows them. */
export interface DirectoryUserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly departments: readonly string[];
  readonly workGroups: readonly string[];
  readonly groups: readonly string[];
}

const view = (user: DirectoryUser): DirectoryUserView => ({
  id: user.id,
  username: user.username,
  displayName: displayNameOf(user),
  roles: user.roles,
  ...teamsOf(user.groups),
  groups: user.groups,
});

/**
 * The people a user may pick (an assignee, a colleague): members of the caller's own departments
 * and work groups only, like every other list of Switchboard. A group the caller is not in shows
 * nobody, whether it exists or not.
 */
export async function directoryUsersFor(directory: UserDirectory, principal: Principal, filters: DirectoryUserFilters = {}): Promise<DirectoryUserView[]> {
  const departments =
    filters.department !== undefined
      ? principal.departments.filter((d) => d === filters.department)
      : filters.workGroup !== undefined
        ? []
        : principal.departments;
  const workGroups =
    filters.workGroup !== undefined
      ? principal.workGroups.filter((w) => w === filters.workGroup)
      : filters.department !== undefined
        ? []
        : principal.workGroups;
  const groups = [...departments.map(departmentGroupPath), ...workGroups.map(workGroupPath)];
  const members = new Map<string, DirectoryUser>();
  for (const group of await Promise.all(groups.map((path) => directory.membersOfGroup(path)))) for (const user of group) members.set(user.id, user);
  if (filters.department === undefined && filters.workGroup === undefined) {
    for (const user of await siteTechniciansFor(directory, principal)) members.set(user.id, user);
  }
  const q = filters.q?.trim().toLowerCase();
  return [...members.values()]
    .filter((user) => filters.role === undefined || user.roles.includes(filters.role))
    .filter((user) => !q || [user.username, user.firstName, user.lastName, user.email, displayNameOf(user)].some((field) => field.toLowerCase().includes(q)))
    .sort((a, b) => a.username.localeCompare(b.username))
    .map(view);
}

/**
 * The technicians of the caller's sites, for those who hand a site's requests out (site managers
 * and dispatchers, ADR 0032): the assignees the API accepts for a request of those sites.
 */
async function siteTechniciansFor(directory: UserDirectory, principal: Principal): Promise<DirectoryUser[]> {
  // Who may assign the site's requests (the caller's permission, ADR 0031); who is a technician is the directory's role.
  if (!holds(principal, 'request.assign:site')) return [];
  const sites = await Promise.all((principal.sites ?? []).map((slug) => directory.membersOfGroup(`/sites/${slug}`)));
  return sites.flat().filter((user) => isTechnician(user.roles));
}
