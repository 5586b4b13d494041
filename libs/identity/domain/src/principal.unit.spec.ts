import { principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  it('reads roles, departments and work groups from a Keycloak token', () => {
    const principal = principalFromClaims({
      sub: 'u-1',
      preferred_username: 'anna',
      email: 'anna@switchboard.example',
      realm_access: { roles: ['HelpDeskManager', 'offline_access', 'default-roles-switchboard'] },
      groups: ['/departments/first-line-north', '/work-groups/network-l3', '/sites/riverside', '/other/x'],
    });
    expect(principal).toEqual({
      userId: 'u-1',
      username: 'anna',
      email: 'anna@switchboard.example',
      roles: ['HelpDeskManager'],
      departments: ['first-line-north'],
      workGroups: ['network-l3'],
      sites: ['riverside'],
    });
  });

  it('refuses a token without a subject', () => {
    expect(() => principalFromClaims({ preferred_username: 'x' })).toThrow('token has no subject');
  });

  it('reads the sites a person covers from groups under /sites', () => {
    const principal = principalFromClaims({
      sub: 'u-2',
      realm_access: { roles: ['SiteManager'] },
      groups: ['/sites/river-park', '/sites/old-town', '/departments/x'],
    });
    expect(principal).toMatchObject({ roles: ['SiteManager'], sites: ['river-park', 'old-town'], departments: ['x'] });
  });
});
