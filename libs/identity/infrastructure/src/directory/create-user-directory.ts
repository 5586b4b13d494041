import type { UserDirectory } from '@switchboard/identity';
import { KeycloakUserDirectory } from '../keycloak/keycloak-user-directory';
import type { KeycloakUserDirectoryOptions } from '../keycloak/keycloak-user-directory';
import { CachedUserDirectory } from './cached-user-directory';
import type { CachedUserDirectoryOptions } from './cached-user-directory';
import { RealmFileUserDirectory } from './realm-file-user-directory';

export interface UserDirectoryOptions {
  /** Keycloak with the directory client's credentials; unset means the realm file's demo users. */
  readonly keycloak?: KeycloakUserDirectoryOptions;
  readonly cache?: CachedUserDirectoryOptions;
  /** Realm file of the embedded default; default deploy/keycloak/switchboard-realm.json. */
  readonly realmFile?: string;
}

/** Keycloak behind a short-lived cache in production; the demo users of the realm file otherwise. */
export function createUserDirectory(options: UserDirectoryOptions): UserDirectory {
  if (options.keycloak) return new CachedUserDirectory(new KeycloakUserDirectory(options.keycloak), options.cache);
  return RealmFileUserDirectory.fromFile(options.realmFile);
}
