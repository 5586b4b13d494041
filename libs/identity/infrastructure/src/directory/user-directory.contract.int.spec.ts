import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserDirectoryUnavailableError } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import { freePort, realmFile, testKeycloak } from '@switchboard/platform/testing';
import { KeycloakUserDirectory } from '../keycloak/keycloak-user-directory';
import { CachedUserDirectory } from './cached-user-directory';
import { RealmFileUserDirectory } from './realm-file-user-directory';

const realmPath = resolve(__dirname, '../../../../../deploy/keycloak/switchboard-realm.json');
const keycloak = testKeycloak('UserDirectory contract: Keycloak adapter');
const directorySecret = realmFile().clients.find((c) => c.clientId === 'switchboard-directory')?.secret ?? '';

interface RealmFileUser {
  id?: string;
  username: string;
  attributes?: Record<string, string[]>;
}
const realmUsers = (JSON.parse(readFileSync(realmPath, 'utf8')) as { users: RealmFileUser[] }).users;
const realmUser = (username: string): RealmFileUser & { id: string } => {
  const user = realmUsers.find((u) => u.username === username);
  if (!user?.id) throw new Error(`${username} is not in the realm file`);
  return { ...user, id: user.id };
};

const keycloakDirectory = (overrides: Partial<{ url: string; clientSecret: string }> = {}): KeycloakUserDirectory =>
  new KeycloakUserDirectory({
    url: overrides.url ?? keycloak?.url ?? '',
    realm: keycloak?.realm ?? 'switchboard',
    clientId: 'switchboard-directory',
    clientSecret: overrides.clientSecret ?? directorySecret,
    timeoutMs: 2_000,
  });

const adapters: [string, () => UserDirectory][] = [
  ['the realm file (embedded default)', () => RealmFileUserDirectory.fromFile(realmPath)],
  ...(keycloak ? ([['Keycloak behind the cache', () => new CachedUserDirectory(keycloakDirectory())]] as [string, () => UserDirectory][]) : []),
];

describe.each(adapters)('UserDirectory contract: %s', (_, create) => {
  let directory: UserDirectory;
  beforeAll(() => {
    directory = create();
  });

  it('finds a demo user by id with email, name, groups, roles and manager', async () => {
    const maxim = realmUser('l3.user.network');
    expect(await directory.userById(maxim.id)).toEqual({
      id: maxim.id,
      username: 'l3.user.network',
      email: 'maxim.popov@switchboard.example',
      firstName: 'Maxim',
      lastName: 'Popov',
      groups: ['/work-groups/network-l3'],
      roles: ['SL3User'],
      managerId: maxim.attributes?.managerId?.[0],
    });
    expect(maxim.attributes?.managerId?.[0]).toBe(realmUser('l3.manager.network').id);
  });

  it('finds a user without a manager and leaves managerId out', async () => {
    const director = await directory.userById(realmUser('ops.director').id);
    expect(director?.username).toBe('ops.director');
    expect(director?.roles).toEqual([]);
    expect(director && 'managerId' in director).toBe(false);
  });

  it('answers undefined for an id nobody has', async () => {
    expect(await directory.userById('5b0a0000-0000-4000-8000-00000000dead')).toBeUndefined();
    expect(await directory.userById('not-a-uuid')).toBeUndefined();
  });

  it('lists the members of a work group by its full path', async () => {
    const members = await directory.membersOfGroup('/work-groups/network-l3');
    expect(members.map((m) => m.username)).toEqual(['l3.manager.network', 'l3.user.network', 'l3.user.network2']);
    expect(members.find((m) => m.username === 'l3.manager.network')?.roles).toEqual(['SL3Manager']);
  });

  it('lists the members of a department', async () => {
    const members = await directory.membersOfGroup('/departments/first-line-north');
    expect(members.map((m) => m.username)).toEqual(['hd.manager.north', 'hd.user.north', 'hd.user.north2']);
  });

  it('finds a demo user by username', async () => {
    const olga = await directory.userByUsername('l3.user.network2');
    expect(olga).toMatchObject({
      id: realmUser('l3.user.network2').id,
      username: 'l3.user.network2',
      firstName: 'Olga',
      roles: ['SL3User'],
      groups: ['/work-groups/network-l3'],
    });
    expect(await directory.userByUsername('ghost')).toBeUndefined();
    expect(await directory.userByUsername('<script>alert(1)</script>')).toBeUndefined();
    expect(await directory.userByUsername('l3.user')).toBeUndefined();
  });

  it('knows which groups exist, with members or without', async () => {
    expect(await directory.hasGroup('/departments/first-line-south')).toBe(true);
    expect(await directory.hasGroup('/departments')).toBe(true);
    expect(await directory.hasGroup('/departments/no-such-dept')).toBe(false);
  });

  it('answers no members for a group that does not exist', async () => {
    expect(await directory.membersOfGroup('/work-groups/nope')).toEqual([]);
  });
});

(keycloak ? describe : describe.skip)('Keycloak user directory when Keycloak cannot answer', () => {
  it('reports wrong client credentials as the directory being unavailable', async () => {
    const directory = keycloakDirectory({ clientSecret: 'wrong' });
    const error = (await directory.userById(realmUser('l3.user.network').id).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(UserDirectoryUnavailableError);
    expect(error.message).toMatch(/Keycloak refused a token for client switchboard-directory: 401/);
  });

  it('reports a Keycloak that is down as the directory being unavailable, not a crash', async () => {
    const directory = new CachedUserDirectory(keycloakDirectory({ url: `http://127.0.0.1:${await freePort()}` }));
    await expect(directory.userById(realmUser('l3.user.network').id)).rejects.toBeInstanceOf(UserDirectoryUnavailableError);
    await expect(directory.membersOfGroup('/work-groups/network-l3')).rejects.toBeInstanceOf(UserDirectoryUnavailableError);
  });
});
