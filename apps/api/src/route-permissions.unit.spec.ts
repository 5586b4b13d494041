import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { REQUIRED_PERMISSIONS } from '@switchboard/identity';
import { defaultRolePermissions, roles } from '@switchboard/identity/domain';
import type { Permission, Role } from '@switchboard/identity/domain';
import { AccessController } from './access/access.controller';
import { AutoAssignmentController } from './assignment/auto-assignment.controller';
import { PresenceController } from './assignment/presence.controller';
import { CallRequestsController } from './calls/call-requests.controller';
import { ClientsController } from './clients/clients.controller';
import { CommunicationTemplatesController } from './communication-templates/communication-templates.controller';
import { SitesController } from './estate/sites.controller';
import { UnitsController } from './estate/units.controller';
import { PortalAdminController } from './portal/portal-admin.controller';
import { ApiKeysController } from './public-api/api-keys.controller';
import { SiteSlaController } from './reports/site-sla.controller';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { SlaPoliciesController } from './sla/sla-policies.controller';
import { TeamLoadController } from './team/team-load.controller';

/**
 * ADR 0031: under the default mapping every route lets in exactly the roles its `@Roles(...)` let in
 * before permissions were data. The old lists are frozen here (per route, `'*'` for the controller's).
 */
const before: [Type, Record<string, readonly Role[]>][] = [
  [
    AutoAssignmentController,
    {
      list: ['HelpDeskManager', 'SL3Manager'],
      getDepartment: ['HelpDeskManager'],
      setDepartment: ['HelpDeskManager'],
      getWorkGroup: ['SL3Manager'],
      setWorkGroup: ['SL3Manager'],
    },
  ],
  [PresenceController, { '*': ['HelpDeskManager', 'HelpDeskUser', 'SL3Manager', 'SL3User'] }],
  [CallRequestsController, { register: ['HelpDeskManager', 'HelpDeskUser'] }],
  [
    ClientsController,
    { create: ['HelpDeskManager', 'HelpDeskUser'], edit: ['HelpDeskManager', 'HelpDeskUser'], addOrder: ['HelpDeskManager', 'HelpDeskUser'] },
  ],
  [CommunicationTemplatesController, { '*': ['CommunicationsAdmin', 'HelpDeskManager'] }],
  [
    SitesController,
    {
      '*': ['ClientManager', 'ClientService', 'CommunicationsAdmin', 'HelpDeskManager', 'HelpDeskUser', 'SiteManager'],
      list: [
        'ClientManager',
        'ClientService',
        'CommunicationsAdmin',
        'Concierge',
        'Dispatcher',
        'HelpDeskManager',
        'HelpDeskUser',
        'Security',
        'SiteManager',
        'Technician',
      ],
      searchUnits: [
        'ClientManager',
        'ClientService',
        'CommunicationsAdmin',
        'Concierge',
        'Dispatcher',
        'HelpDeskManager',
        'HelpDeskUser',
        'Security',
        'SiteManager',
        'Technician',
      ],
      create: ['ClientService'],
      edit: ['ClientService', 'SiteManager'],
      createBuilding: ['ClientService', 'SiteManager'],
      editBuilding: ['ClientService', 'SiteManager'],
      createEntrance: ['ClientService', 'SiteManager'],
      createUnit: ['ClientService', 'SiteManager'],
    },
  ],
  [
    UnitsController,
    {
      '*': ['ClientManager', 'ClientService', 'CommunicationsAdmin', 'HelpDeskManager', 'HelpDeskUser', 'SiteManager'],
      card: [
        'ClientManager',
        'ClientService',
        'CommunicationsAdmin',
        'Concierge',
        'Dispatcher',
        'HelpDeskManager',
        'HelpDeskUser',
        'Security',
        'SiteManager',
        'Technician',
      ],
      edit: ['ClientService', 'SiteManager'],
      remove: ['ClientService', 'SiteManager'],
      addResident: ['ClientService', 'SiteManager'],
      editResident: ['ClientService', 'SiteManager'],
      removeResident: ['ClientService', 'SiteManager'],
    },
  ],
  [PortalAdminController, { '*': ['Concierge', 'Dispatcher', 'HelpDeskManager'] }],
  [ApiKeysController, { '*': ['CommunicationsAdmin'] }],
  [SiteSlaController, { '*': ['ClientService', 'HelpDeskManager', 'SiteManager'] }],
  [RoutingRulesController, { '*': ['HelpDeskManager'] }],
  [SlaPoliciesController, { '*': ['HelpDeskManager', 'SL3Manager'] }],
  [TeamLoadController, { load: ['HelpDeskManager', 'SL3Manager'] }],
  // New with ADR 0031: the mapping's own admin is AccessAdmin's alone.
  [AccessController, { '*': ['AccessAdmin'] }],
];

const admitted = (required: readonly Permission[] | undefined): Role[] =>
  roles.filter((role) => required === undefined || required.some((p) => defaultRolePermissions[role].includes(p))).sort();

describe('routes under the default mapping', () => {
  it.each(before.map(([controller, old]) => [controller.name, controller, old] as const))('%s admits the roles it admitted before', (_, controller, old) => {
    const routes = Object.getOwnPropertyNames(controller.prototype).filter(
      (name) => name !== 'constructor' && Reflect.getMetadata(PATH_METADATA, (controller.prototype as Record<string, object>)[name]) !== undefined,
    );
    expect(routes.length).toBeGreaterThan(0);
    for (const name of routes) {
      const handler = (controller.prototype as Record<string, object>)[name];
      const required = (Reflect.getMetadata(REQUIRED_PERMISSIONS, handler) ?? Reflect.getMetadata(REQUIRED_PERMISSIONS, controller)) as
        Permission[] | undefined;
      const expected = old[name] ?? old['*'];
      // Before, a route without @Roles admitted every role; AccessAdmin is new and admitted where no permission is required.
      expect([name, admitted(required)]).toEqual([name, expected ? [...expected].sort() : [...roles].sort()]);
    }
  });
});
