import { directoryUser } from './directory-user';

describe('directoryUser', () => {
  it('keeps only Switchboard roles, in their canonical order', () => {
    const user = directoryUser({
      id: 'u-1',
      username: 'anna',
      groups: [],
      realmRoles: ['offline_access', 'SL3Manager', 'default-roles-switchboard', 'HelpDeskUser'],
    });
    expect(user.roles).toEqual(['HelpDeskUser', 'SL3Manager']);
  });

  it('sorts group paths and drops duplicates', () => {
    const user = directoryUser({
      id: 'u-1',
      username: 'anna',
      groups: ['/work-groups/network-l3', '/departments/first-line-north', '/work-groups/network-l3'],
      realmRoles: [],
    });
    expect(user.groups).toEqual(['/departments/first-line-north', '/work-groups/network-l3']);
  });

  it('fills missing names and email with empty strings and leaves a blank manager out', () => {
    const user = directoryUser({ id: 'u-1', username: 'anna', groups: [], realmRoles: [], managerId: ' ' });
    expect(user).toEqual({ id: 'u-1', username: 'anna', email: '', firstName: '', lastName: '', groups: [], roles: [] });
    expect('managerId' in user).toBe(false);
  });
});
