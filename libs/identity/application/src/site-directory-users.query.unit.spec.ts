import { directoryUser } from '@switchboard/identity/domain';
import type { DirectoryUser, Principal, Role } from '@switchboard/identity/domain';
import { directoryUsersFor } from './directory-users.query';
import type { UserDirectory } from './user-directory.port';

const user = (username: string, role: string, group: string): DirectoryUser =>
  directoryUser({ id: `id-${username}`, username, groups: [group], realmRoles: [role] });

const people = [
  user('technician.river', 'Technician', '/sites/river-park'),
  user('technician.old-town', 'Technician', '/sites/old-town'),
  user('guard.river-park', 'Security', '/sites/river-park'),
  user('hd.user.north', 'HelpDeskUser', '/departments/first-line-north'),
];
const directory: UserDirectory = {
  userById: async (id) => people.find((p) => p.id === id),
  userByUsername: async (name) => people.find((p) => p.username === name),
  membersOfGroup: async (path) => people.filter((p) => p.groups.includes(path)),
  hasGroup: async (path) => people.some((p) => p.groups.includes(path)),
};
const staff = (roles: Role[], sites: string[]): Principal => ({ userId: 'me', username: 'me', roles, departments: [], workGroups: [], sites });
const usernames = async (principal: Principal, filters = {}) => (await directoryUsersFor(directory, principal, filters)).map((u) => u.username);

describe('the user directory for those who hand out a site’s requests (ADR 0032)', () => {
  it('lists the technicians of a site manager’s or dispatcher’s own sites, and nobody else of those sites', async () => {
    expect(await usernames(staff(['SiteManager'], ['river-park']))).toEqual(['technician.river']);
    expect(await usernames(staff(['Dispatcher'], ['river-park', 'old-town']))).toEqual(['technician.old-town', 'technician.river']);
  });

  it('lists no technicians for a client manager, a technician or a guard (they assign nobody)', async () => {
    expect(await usernames(staff(['ClientManager'], ['river-park']))).toEqual([]);
    expect(await usernames(staff(['Technician'], ['river-park']))).toEqual([]);
    expect(await usernames(staff(['Security'], ['river-park']))).toEqual([]);
  });

  it('keeps a department filter to the department', async () => {
    expect(await usernames(staff(['SiteManager'], ['river-park']), { department: 'first-line-north' })).toEqual([]);
  });
});
