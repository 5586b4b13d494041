import type { UserDirectory } from '@switchboard/identity';
import { directoryUser } from '@switchboard/identity/domain';
import type { DirectoryUser } from '@switchboard/identity/domain';
import type { Clock } from '../directory/ttl-cache';
import { KeycloakAdminClient } from './keycloak-admin.client';
import { KeycloakServiceAccountTokenSource } from './keycloak-service-account.token-source';
import type { ServiceAccountCredentials } from './keycloak-service-account.token-source';

export interface KeycloakUserDirectoryOptions extends ServiceAccountCredentials {
  /** Per HTTP call to Keycloak; default 5 s. */
  readonly timeoutMs?: number;
  /** Members are read this many at a time; default 100. */
  readonly pageSize?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
}

interface UserRepresentation {
  id: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[] | undefined>;
}

interface GroupRepresentation {
  id: string;
  path: string;
}

interface RoleRepresentation {
  name: string;
}

// Members are expanded (groups, roles) this many at a time, to be gentle with Keycloak.
const MEMBER_CONCURRENCY = 8;

/**
 * The user directory read from Keycloak's admin REST API as the confidential service-account
 * client `switchboard-directory` (realm-management view-users and query-groups). Uncached: wrap
 * it in CachedUserDirectory.
 */
export class KeycloakUserDirectory implements UserDirectory {
  private readonly admin: KeycloakAdminClient;
  private readonly pageSize: number;

  constructor(options: KeycloakUserDirectoryOptions) {
    const http = { timeoutMs: options.timeoutMs ?? 5_000, fetch: options.fetch ?? fetch, clock: options.clock ?? Date.now };
    const url = options.url.replace(/\/+$/, '');
    this.admin = new KeycloakAdminClient(url, options.realm, new KeycloakServiceAccountTokenSource({ ...options, url }, http), http);
    this.pageSize = options.pageSize ?? 100;
  }

  async userById(id: string): Promise<DirectoryUser | undefined> {
    const user = await this.admin.get<UserRepresentation>(`/users/${encodeURIComponent(id)}`);
    return user ? this.complete(user) : undefined;
  }

  async userByUsername(username: string): Promise<DirectoryUser | undefined> {
    const found = await this.admin.get<UserRepresentation[]>(`/users?username=${encodeURIComponent(username)}&exact=true&briefRepresentation=false`);
    const user = (found ?? []).find((u) => u.username === username.toLowerCase());
    return user ? this.complete(user) : undefined;
  }

  async hasGroup(groupPath: string): Promise<boolean> {
    return (await this.group(groupPath)) !== undefined;
  }

  async membersOfGroup(groupPath: string): Promise<DirectoryUser[]> {
    const group = await this.group(groupPath);
    if (!group) return [];
    const members: UserRepresentation[] = [];
    for (let first = 0; ; first += this.pageSize) {
      const page =
        (await this.admin.get<UserRepresentation[]>(
          `/groups/${encodeURIComponent(group.id)}/members?briefRepresentation=false&first=${first}&max=${this.pageSize}`,
        )) ?? [];
      members.push(...page);
      if (page.length < this.pageSize) break;
    }
    const users: DirectoryUser[] = [];
    for (let i = 0; i < members.length; i += MEMBER_CONCURRENCY) {
      users.push(...(await Promise.all(members.slice(i, i + MEMBER_CONCURRENCY).map((m) => this.complete(m)))));
    }
    return users.sort((a, b) => a.username.localeCompare(b.username));
  }

  private group(groupPath: string): Promise<GroupRepresentation | undefined> {
    const segments = groupPath.split('/').filter(Boolean);
    if (segments.length === 0) return Promise.resolve(undefined);
    return this.admin.get<GroupRepresentation>(`/group-by-path/${segments.map(encodeURIComponent).join('/')}`);
  }

  private async complete(user: UserRepresentation): Promise<DirectoryUser> {
    const id = encodeURIComponent(user.id);
    const [groups, roles] = await Promise.all([
      this.admin.get<GroupRepresentation[]>(`/users/${id}/groups?briefRepresentation=true&max=1000`),
      // Effective realm roles (composites and group roles included), as the access token carries them.
      this.admin.get<RoleRepresentation[]>(`/users/${id}/role-mappings/realm/composite?briefRepresentation=true`),
    ]);
    return directoryUser({
      id: user.id,
      username: user.username,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      groups: (groups ?? []).map((g) => g.path),
      realmRoles: (roles ?? []).map((r) => r.name),
      managerId: user.attributes?.managerId?.[0],
    });
  }
}
