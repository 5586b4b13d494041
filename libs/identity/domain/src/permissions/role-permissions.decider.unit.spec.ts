import { deciderSpec } from '@switchboard/kernel/testing';
import { defaultRolePermissions } from './default-role-permissions';
import { RolePermissionsError, currentPermissions, rolePermissionsDecider, rolePermissionsDeciderWith } from './role-permissions.decider';
import type { RolePermissionsEvent } from './role-permissions.decider';

const spec = deciderSpec(rolePermissionsDecider);
const now = new Date('2026-12-09T10:00:00Z');
const at = now.toISOString();
const by = 'access-admin-id';
const changed = (role: 'SiteManager' | 'Concierge' | 'AccessAdmin', data: Partial<RolePermissionsEvent['data']>): RolePermissionsEvent => ({
  type: 'RolePermissionsChanged',
  data: { role, granted: [], revoked: [], permissions: [], by, at, ...data },
});

describe('role permissions decider', () => {
  it('revokes a permission from the default mapping of a role never changed before', () => {
    spec
      .given([])
      .when({ type: 'RevokePermissions', role: 'SiteManager', permissions: ['estate.edit:site'], by, now })
      .then([
        changed('SiteManager', {
          revoked: ['estate.edit:site'],
          permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'report.site-sla:site'],
        }),
      ]);
  });

  it('grants on top of the last change, and lists the whole result in catalogue order', () => {
    spec
      .given([
        changed('SiteManager', {
          revoked: ['estate.edit:site'],
          permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'report.site-sla:site'],
        }),
      ])
      .when({ type: 'GrantPermissions', role: 'SiteManager', permissions: ['pass.check:site', 'estate.edit:site'], by, now })
      .then([
        changed('SiteManager', {
          granted: ['estate.edit:site', 'pass.check:site'],
          permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'estate.edit:site', 'pass.check:site', 'report.site-sla:site'],
        }),
      ]);
  });

  it('sets the whole list, recording what it granted and what it revoked', () => {
    spec
      .given([])
      .when({ type: 'SetRolePermissions', role: 'Concierge', permissions: ['pass.create:site', 'pass.check:site'], by, now })
      .then([
        changed('Concierge', {
          granted: ['pass.check:site'],
          revoked: ['resident.invite', 'unit.pick:site'],
          permissions: ['pass.create:site', 'pass.check:site'],
        }),
      ]);
  });

  it('records nothing when the list does not change', () => {
    spec
      .given([])
      .when({ type: 'SetRolePermissions', role: 'SiteManager', permissions: [...defaultRolePermissions.SiteManager], by, now })
      .then([]);
    spec
      .given([])
      .when({ type: 'GrantPermissions', role: 'SiteManager', permissions: ['estate.read:site'], by, now })
      .then([]);
    spec
      .given([changed('SiteManager', { revoked: ['estate.edit:site'], permissions: ['estate.read:site'] })])
      .when({ type: 'RevokePermissions', role: 'SiteManager', permissions: ['estate.edit:site'], by, now })
      .then([]);
  });

  it('refuses a permission outside the catalogue, naming it', () => {
    spec
      .given([])
      .when({ type: 'GrantPermissions', role: 'SiteManager', permissions: ['estate.read:site', 'estate.demolish'], by, now })
      .thenThrows(RolePermissionsError, { rule: 'unknown-permission', unknown: ['estate.demolish'] });
  });

  it('refuses an unknown role and the residents’ role', () => {
    spec.given([]).when({ type: 'GrantPermissions', role: 'Janitor', permissions: [], by, now }).thenThrows(RolePermissionsError, { rule: 'unknown-role' });
    spec
      .given([])
      .when({ type: 'GrantPermissions', role: 'Resident', permissions: ['request.work:own'], by, now })
      .thenThrows(RolePermissionsError, { rule: 'role-not-administered' });
  });

  it('keeps access.admin with AccessAdmin, so that someone can always give permissions back', () => {
    spec
      .given([])
      .when({ type: 'RevokePermissions', role: 'AccessAdmin', permissions: ['access.admin'], by, now })
      .thenThrows(RolePermissionsError, { rule: 'access-admin-lockout' });
    spec
      .given([])
      .when({ type: 'GrantPermissions', role: 'AccessAdmin', permissions: ['routing.admin'], by, now })
      .then([changed('AccessAdmin', { granted: ['routing.admin'], permissions: ['routing.admin', 'access.admin'] })]);
  });

  it('resolves an edited role as defaults ∪ granted − revoked: a permission added to its defaults later reaches it, a revoked default stays revoked', () => {
    const history = [
      changed('SiteManager', {
        revoked: ['estate.edit:site'],
        permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'report.site-sla:site'],
      }),
      changed('SiteManager', {
        granted: ['pass.check:site'],
        permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'pass.check:site', 'report.site-sla:site'],
      }),
    ];
    const state = history.reduce(rolePermissionsDecider.evolve, rolePermissionsDecider.initialState);
    // A later release adds request.take:site to the SiteManager's defaults.
    const later = { ...defaultRolePermissions, SiteManager: [...defaultRolePermissions.SiteManager, 'request.take:site' as const] };
    const held = currentPermissions('SiteManager', state, later);
    expect(held).toContain('request.take:site');
    expect(held).toContain('pass.check:site');
    expect(held).not.toContain('estate.edit:site');
    // The decider under those defaults starts from the same list: revoking the new default records it.
    deciderSpec(rolePermissionsDeciderWith(later))
      .given(history)
      .when({ type: 'RevokePermissions', role: 'SiteManager', permissions: ['request.take:site'], by, now })
      .then([
        changed('SiteManager', {
          revoked: ['request.take:site'],
          permissions: ['request.work:site', 'request.assign:site', 'estate.read:site', 'pass.check:site', 'report.site-sla:site'],
        }),
      ]);
  });

  it('lets a later grant undo a revocation and a later revocation undo a grant', () => {
    const state = [
      changed('SiteManager', { revoked: ['estate.edit:site'] }),
      changed('SiteManager', { granted: ['estate.edit:site', 'pass.check:site'] }),
      changed('SiteManager', { revoked: ['pass.check:site'] }),
    ].reduce(rolePermissionsDecider.evolve, rolePermissionsDecider.initialState);
    expect(state).toEqual({ changed: true, granted: ['estate.edit:site'], revoked: ['pass.check:site'] });
    expect(new Set(currentPermissions('SiteManager', state))).toEqual(new Set(defaultRolePermissions.SiteManager));
  });
});
