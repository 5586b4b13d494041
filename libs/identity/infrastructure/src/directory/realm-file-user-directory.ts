import type { UserDirectory } from '@switchboard/identity';
import { directoryUser } from '@switchboard/identity/domain';
import type { DirectoryUser } from '@switchboard/identity/domain';
import { readRealmGroups, readRealmUsers } from '../dev-idp/realm-users';
import type { RealmUser } from '../dev-idp/realm-users';

/**
 * The embedded default: the demo users of the shipped Keycloak realm file, the same people the
 * development IdP signs tokens for.
 */
export class RealmFileUserDirectory implements UserDirectory {
  private readonly users: ReadonlyMap<string, DirectoryUser>;
  private readonly groups: ReadonlySet<string>;

  /** `groups`: every group path of the realm; without it, the groups the users are in. */
  constructor(users: readonly RealmUser[], groups?: readonly string[]) {
    this.users = new Map(
      users.map((u) => [
        u.id,
        directoryUser({
          id: u.id,
          username: u.username,
          email: u.email,
          firstName: u.firstName,
          lastName: u.lastName,
          groups: u.groups,
          realmRoles: u.realmRoles,
          managerId: u.managerId,
        }),
      ]),
    );
    this.groups = new Set(groups ?? users.flatMap((u) => u.groups));
  }

  static fromFile(file?: string): RealmFileUserDirectory {
    return new RealmFileUserDirectory(readRealmUsers(file), readRealmGroups(file));
  }

  async userById(id: string): Promise<DirectoryUser | undefined> {
    return this.users.get(id);
  }

  async userByUsername(username: string): Promise<DirectoryUser | undefined> {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((u) => u.username === wanted);
  }

  async hasGroup(groupPath: string): Promise<boolean> {
    return this.groups.has(normaliseGroupPath(groupPath));
  }

  async membersOfGroup(groupPath: string): Promise<DirectoryUser[]> {
    const path = normaliseGroupPath(groupPath);
    return [...this.users.values()].filter((u) => u.groups.includes(path)).sort((a, b) => a.username.localeCompare(b.username));
  }
}

/** Keycloak accepts `work-groups/x` and `/work-groups/x/` for `/work-groups/x`; so do we. */
const normaliseGroupPath = (path: string): string => `/${path.split('/').filter(Boolean).join('/')}`;
