import { UserDirectoryUnavailableError } from '@switchboard/identity';
import type { UserDirectory } from '@switchboard/identity';
import type { DirectoryUser } from '@switchboard/identity/domain';
import { CachedUserDirectory } from './cached-user-directory';

const anna: DirectoryUser = {
  id: 'u-1',
  username: 'anna',
  email: 'anna@x.example',
  firstName: 'Anna',
  lastName: 'V',
  groups: ['/work-groups/network-l3'],
  roles: ['SL3User'],
};
const oleg: DirectoryUser = { ...anna, id: 'u-2', username: 'oleg' };

function fakeDirectory(): jest.Mocked<UserDirectory> {
  return {
    userById: jest.fn(async (id: string) => [anna, oleg].find((u) => u.id === id)),
    userByUsername: jest.fn(async (username: string) => [anna, oleg].find((u) => u.username === username)),
    membersOfGroup: jest.fn(async (_groupPath: string) => [anna, oleg]),
    hasGroup: jest.fn(async (groupPath: string) => groupPath === '/work-groups/network-l3'),
  };
}

describe('CachedUserDirectory', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 0;
  });

  it('asks the directory once per user within the time to live', async () => {
    const inner = fakeDirectory();
    const directory = new CachedUserDirectory(inner, { ttlMs: 60_000, clock });
    expect(await directory.userById('u-1')).toEqual(anna);
    now = 59_000;
    expect(await directory.userById('u-1')).toEqual(anna);
    expect(inner.userById).toHaveBeenCalledTimes(1);
    now = 60_000;
    await directory.userById('u-1');
    expect(inner.userById).toHaveBeenCalledTimes(2);
  });

  it('remembers briefly that a user does not exist', async () => {
    const inner = fakeDirectory();
    const directory = new CachedUserDirectory(inner, { ttlMs: 60_000, clock });
    expect(await directory.userById('ghost')).toBeUndefined();
    expect(await directory.userById('ghost')).toBeUndefined();
    expect(inner.userById).toHaveBeenCalledTimes(1);
  });

  it('answers users it has seen as group members without asking again', async () => {
    const inner = fakeDirectory();
    const directory = new CachedUserDirectory(inner, { clock });
    expect((await directory.membersOfGroup('/work-groups/network-l3')).map((u) => u.username)).toEqual(['anna', 'oleg']);
    expect(await directory.userById('u-2')).toEqual(oleg);
    await directory.membersOfGroup('/work-groups/network-l3');
    expect(inner.userById).not.toHaveBeenCalled();
    expect(inner.membersOfGroup).toHaveBeenCalledTimes(1);
  });

  it('passes an outage through and asks again on the next call', async () => {
    const inner = fakeDirectory();
    inner.userById.mockRejectedValueOnce(new UserDirectoryUnavailableError('Keycloak answered 503'));
    const directory = new CachedUserDirectory(inner, { clock });
    await expect(directory.userById('u-1')).rejects.toBeInstanceOf(UserDirectoryUnavailableError);
    expect(await directory.userById('u-1')).toEqual(anna);
  });

  it('hands out copies of a cached member list, so a caller cannot change the cache', async () => {
    const directory = new CachedUserDirectory(fakeDirectory(), { clock });
    (await directory.membersOfGroup('/g')).pop();
    expect(await directory.membersOfGroup('/g')).toHaveLength(2);
  });

  it('asks once per username and per group within the time to live, and knows users found by name by id', async () => {
    const inner = fakeDirectory();
    const directory = new CachedUserDirectory(inner, { clock });
    expect(await directory.userByUsername('anna')).toEqual(anna);
    expect(await directory.userByUsername('Anna')).toEqual(anna);
    expect(await directory.userById('u-1')).toEqual(anna);
    expect(inner.userByUsername).toHaveBeenCalledTimes(1);
    expect(inner.userById).not.toHaveBeenCalled();
    expect(await directory.hasGroup('/work-groups/network-l3')).toBe(true);
    expect(await directory.hasGroup('/work-groups/network-l3')).toBe(true);
    expect(await directory.hasGroup('/departments/nope')).toBe(false);
    expect(inner.hasGroup).toHaveBeenCalledTimes(2);
  });
});
