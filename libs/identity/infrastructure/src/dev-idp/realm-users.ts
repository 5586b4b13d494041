import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A demo user as declared in the shipped Keycloak realm: one source of truth for both IdPs. */
export interface RealmUser {
  readonly id: string;
  readonly username: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly password: string;
  readonly realmRoles: readonly string[];
  readonly groups: readonly string[];
  readonly managerId?: string;
  /** A resident's client (realm attribute `clientId`): the demo links the account to it (ADR 0030). */
  readonly clientId?: string;
}

interface RealmFileUser {
  id?: string;
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  realmRoles?: string[];
  groups?: string[];
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value: string }[];
}

export const defaultRealmFile = (): string => resolve(process.cwd(), 'deploy/keycloak/switchboard-realm.json');

export function readRealmUsers(file = defaultRealmFile()): RealmUser[] {
  const realm = JSON.parse(readFileSync(file, 'utf8')) as { users?: RealmFileUser[] };
  return (realm.users ?? [])
    .filter((u): u is RealmFileUser & { id: string } => Boolean(u.id) && Boolean(u.credentials?.some((c) => c.type === 'password')))
    .map((u) => ({
      id: u.id,
      username: u.username,
      firstName: u.firstName ?? '',
      lastName: u.lastName ?? '',
      email: u.email ?? '',
      password: u.credentials?.find((c) => c.type === 'password')?.value ?? '',
      realmRoles: u.realmRoles ?? [],
      groups: u.groups ?? [],
      managerId: u.attributes?.managerId?.[0],
      ...(u.attributes?.clientId?.[0] ? { clientId: u.attributes.clientId[0] } : {}),
    }));
}

interface RealmFileGroup {
  path?: string;
  name: string;
  subGroups?: RealmFileGroup[];
}

/** Every group path of the realm file, nested groups included. */
export function readRealmGroups(file = defaultRealmFile()): string[] {
  const realm = JSON.parse(readFileSync(file, 'utf8')) as { groups?: RealmFileGroup[] };
  const paths: string[] = [];
  const walk = (groups: readonly RealmFileGroup[], parent: string): void => {
    for (const group of groups) {
      const path = group.path ?? `${parent}/${group.name}`;
      paths.push(path);
      walk(group.subGroups ?? [], path);
    }
  };
  walk(realm.groups ?? [], '');
  return paths;
}
