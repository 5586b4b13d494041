import type { UserDirectory } from '@switchboard/identity';
import { directoryUser } from '@switchboard/identity/domain';
import type { DirectoryUser } from '@switchboard/identity/domain';
import { readRealmUsers } from '../dev-idp/realm-users';
import type { RealmUser } from '../dev-idp/realm-users';

/**
 * The embedded default: the demo users of the shipped Keycloak realm file, the same people the
 * development IdP signs tokens for.
 */
export class RealmFileUserDirectory implements UserDirectory {
  private readonly users: ReadonlyMap<string, DirectoryUser>;

  constructor(users: readonly RealmUser[]) {
    this.users = new Map(
      users.map((u) => [
        u.id,
        directoryUser({ id: u.id, username: u.username, email: u.email, firstName: u.firstName, lastName: u.lastName, groups: u.groups, realmRoles: u.realmRoles, managerId: u.managerId }),
      ]),
    );
  }

  static fromFile(file?: string): RealmFileUserDirectory {
    return new RealmFileUserDirectory(readRealmUsers(file));
  }

  async userById(id: string): Promise<DirectoryUser | undefined> {
    return this.users.get(id);
  }

  async membersOfGroup(groupPath: string): Promise<DirectoryUser[]> {
    const path = normaliseGroupPath(groupPath);
    return [...this.users.values()].filter((u) => u.groups.includes(path)).sort((a, b) => a.username.localeCompare(b.username));
  }
}

/** Keycloak accepts `work-groups/x` and `/work-groups/x/` for `/work-groups/x`; so do we. */
const normaliseGroupPath = (path: string): string => `/${path.split('/').filter(Boolean).join('/')}`;
