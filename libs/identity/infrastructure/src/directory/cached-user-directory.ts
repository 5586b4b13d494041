import type { UserDirectory } from '@switchboard/identity';
import type { DirectoryUser } from '@switchboard/identity/domain';
import { TtlCache } from './ttl-cache';
import type { Clock } from './ttl-cache';

export interface CachedUserDirectoryOptions {
  /** How long an answer is reused; default 60 s. */
  readonly ttlMs?: number;
  /** Bound of each cache (users, groups); default 10 000. */
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

export const DEFAULT_USER_DIRECTORY_TTL_MS = 60_000;

/**
 * Answers from memory for a short while: the directory changes rarely, and a request that touches
 * an incident asks for the same few users many times. Unknown users are cached too (briefly), so a
 * stale id cannot hammer Keycloak; outages are not.
 */
export class CachedUserDirectory implements UserDirectory {
  private readonly users: TtlCache<string, DirectoryUser | undefined>;
  private readonly groups: TtlCache<string, DirectoryUser[]>;
  private readonly usernames: TtlCache<string, DirectoryUser | undefined>;
  private readonly existingGroups: TtlCache<string, boolean>;

  constructor(
    private readonly inner: UserDirectory,
    options: CachedUserDirectoryOptions = {},
  ) {
    const cacheOptions = { ttlMs: options.ttlMs ?? DEFAULT_USER_DIRECTORY_TTL_MS, maxEntries: options.maxEntries ?? 10_000, clock: options.clock };
    this.users = new TtlCache(cacheOptions);
    this.groups = new TtlCache(cacheOptions);
    this.usernames = new TtlCache(cacheOptions);
    this.existingGroups = new TtlCache(cacheOptions);
  }

  userById(id: string): Promise<DirectoryUser | undefined> {
    return this.users.getOrLoad(id, () => this.inner.userById(id));
  }

  async userByUsername(username: string): Promise<DirectoryUser | undefined> {
    const user = await this.usernames.getOrLoad(username.toLowerCase(), () => this.inner.userByUsername(username));
    if (user) this.users.set(user.id, user);
    return user;
  }

  hasGroup(groupPath: string): Promise<boolean> {
    return this.existingGroups.getOrLoad(groupPath, () => this.inner.hasGroup(groupPath));
  }

  async membersOfGroup(groupPath: string): Promise<DirectoryUser[]> {
    const members = await this.groups.getOrLoad(groupPath, async () => {
      const loaded = await this.inner.membersOfGroup(groupPath);
      for (const member of loaded) this.users.set(member.id, member);
      return loaded;
    });
    return [...members];
  }
}
