import { directoryUser } from '@switchboard/identity/domain';
import type { DirectoryUser, Principal } from '@switchboard/identity/domain';
import { directoryUsersFor } from './directory-users.query';
import type { UserDirectory } from './user-directory.port';

const user = (username: string, firstName: string, lastName: string, role: string, group: string): DirectoryUser =>
  directoryUser({ id: `id-${username}`, username, firstName, lastName, email: `${username}@x.example`, groups: [group], realmRoles: [role] });

const people = [
  user('hd.manager.north', 'Nikolai', 'Orlov', 'HelpDeskManager', '/departments/first-line-north'),
  user('hd.user.north', 'Anna', 'Volkova', 'HelpDeskUser', '/departments/first-line-north'),
  user('hd.user.north2', 'Pavel', 'Lebedev', 'HelpDeskUser', '/departments/first-line-north'),
  user('hd.user.south', 'Dmitry', 'Kozlov', 'HelpDeskUser', '/departments/first-line-south'),
  user('l3.user.network', 'Maxim', 'Popov', 'SL3User', '/work-groups/network-l3'),
];

const directory: UserDirectory = {
  userById: async (id) => people.find((p) => p.id === id),
  userByUsername: async (name) => people.find((p) => p.username === name),
  membersOfGroup: async (path) => people.filter((p) => p.groups.includes(path)),
  hasGroup: async (path) => people.some((p) => p.groups.includes(path)),
};

const manager: Principal = {
  userId: 'id-hd.manager.north',
  username: 'hd.manager.north',
  roles: ['HelpDeskManager'],
  departments: ['first-line-north'],
  workGroups: [],
};

describe('the user directory for pickers', () => {
  it('lists the members of the caller’s groups with their display names', async () => {
    const found = await directoryUsersFor(directory, manager, { role: 'HelpDeskUser' });
    expect(found).toEqual([
      {
        id: 'id-hd.user.north',
        username: 'hd.user.north',
        displayName: 'Anna Volkova',
        roles: ['HelpDeskUser'],
        departments: ['first-line-north'],
        workGroups: [],
        groups: ['/departments/first-line-north'],
      },
      {
        id: 'id-hd.user.north2',
        username: 'hd.user.north2',
        displayName: 'Pavel Lebedev',
        roles: ['HelpDeskUser'],
        departments: ['first-line-north'],
        workGroups: [],
        groups: ['/departments/first-line-north'],
      },
    ]);
  });

  it('finds by part of a username, name or email, in any case', async () => {
    expect((await directoryUsersFor(directory, manager, { q: 'LEBED' })).map((u) => u.username)).toEqual(['hd.user.north2']);
    expect((await directoryUsersFor(directory, manager, { q: 'anna volk' })).map((u) => u.username)).toEqual(['hd.user.north']);
  });

  it('shows nobody of a group the caller is not in', async () => {
    expect(await directoryUsersFor(directory, manager, { department: 'first-line-south' })).toEqual([]);
    expect(await directoryUsersFor(directory, manager, { workGroup: 'network-l3' })).toEqual([]);
  });
});
