import type { UserDirectory } from '@switchboard/identity';
import { departmentGroupPath, sitesOf, teamsOf } from '@switchboard/identity/domain';
import type { AssigneeDirectory } from '@switchboard/service-desk';
import type { Assignee } from '@switchboard/service-desk/domain';

// What a directory id can look like (Keycloak's uuids, federated `f:<provider>:<id>`); anything else is only a username.
const ID_SHAPE = /^[A-Za-z0-9:._-]{1,255}$/;

/** Assignees and departments from the user directory (Keycloak, or the realm file). */
export class DirectoryAssignees implements AssigneeDirectory {
  constructor(private readonly directory: UserDirectory) {}

  async find(userIdOrUsername: string): Promise<Assignee | undefined> {
    const given = userIdOrUsername.trim();
    const user = (ID_SHAPE.test(given) ? await this.directory.userById(given) : undefined) ?? (await this.directory.userByUsername(given));
    if (!user) return undefined;
    return { id: user.id, username: user.username, roles: user.roles, ...teamsOf(user.groups), sites: sitesOf(user.groups) };
  }

  departmentExists(department: string): Promise<boolean> {
    return this.directory.hasGroup(departmentGroupPath(department));
  }
}
