import type { DirectoryUser } from '@switchboard/identity/domain';

/** Who an operator is in the corporate directory: email, name, groups, roles, manager. */
export interface UserDirectory {
  /** Undefined when the directory has no such user. */
  userById(id: string): Promise<DirectoryUser | undefined>;
  /** Undefined when nobody has this username (exact match; usernames are lower case). */
  userByUsername(username: string): Promise<DirectoryUser | undefined>;
  /** Direct members of a group given by its full path (`/work-groups/network-l3`); empty for an unknown group. */
  membersOfGroup(groupPath: string): Promise<DirectoryUser[]>;
  /** Whether the group (full path) exists, with members or without. */
  hasGroup(groupPath: string): Promise<boolean>;
}

export const USER_DIRECTORY = Symbol('UserDirectory');

/** The directory could not be asked (outage, timeout, refused credentials): retry later, the user may well exist. */
export class UserDirectoryUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`user directory unavailable: ${reason}`, options);
    this.name = 'UserDirectoryUnavailableError';
  }
}
