import type { Role } from '../role';
import { isRole } from '../role';
import type { Permission } from './permission-catalogue';

/**
 * The default mapping (ADR 0031): today's help-desk, estate and desk rules written as data. A role
 * whose permissions were never changed through the API holds these; a change is an event on the
 * role's stream and from then on the stream is the role's truth.
 */
export const defaultRolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  HelpDeskUser: [
    'request.work:own',
    'request.read:department-queue',
    'request.take:department',
    'incident.read:my-requests',
    'problem.read',
    'presence.set',
    'client.edit',
    'communications.send-personal:department',
    'estate.read:all',
  ],
  HelpDeskManager: [
    'request.work:department',
    'request.take:department',
    'request.set-priority:department',
    'request.move:department',
    'incident.read:department',
    'problem.read',
    'problem.manage',
    'presence.set',
    'team.read:department',
    'routing.admin',
    'sla.admin:department',
    'auto-assignment.admin:department',
    'client.edit',
    'resident.invite',
    'communications.manage:department',
    'communications.templates',
    'estate.read:all',
    'report.site-sla:all',
  ],
  SL3User: ['request.read:my-incidents', 'incident.work:own', 'incident.read:work-group-queue', 'incident.take:work-group', 'problem.read', 'presence.set'],
  SL3Manager: [
    'request.read:work-group',
    'incident.work:work-group',
    'incident.take:work-group',
    'incident.set-priority:work-group',
    'problem.read',
    'problem.manage',
    'presence.set',
    'team.read:work-group',
    'sla.admin:work-group',
    'auto-assignment.admin:work-group',
  ],
  CommunicationsAdmin: ['communications.admin', 'communications.templates', 'api-keys.admin', 'estate.read:all'],
  SiteManager: ['request.work:site', 'request.assign:site', 'estate.read:site', 'estate.edit:site', 'report.site-sla:site'],
  ClientService: ['request.read:every-site', 'estate.read:all', 'estate.edit:all', 'estate.site.create', 'report.site-sla:all'],
  Security: ['unit.pick:site', 'pass.check:site'],
  Concierge: ['unit.pick:site', 'pass.create:site', 'resident.invite'],
  Dispatcher: ['request.work:site', 'request.assign:site', 'request.register:site', 'unit.pick:site', 'pass.create:site', 'resident.invite'],
  ClientManager: ['request.work:site', 'request.register:site', 'estate.read:site'],
  Technician: ['request.work:assigned', 'request.take:site', 'unit.pick:site'],
  Resident: [],
  AccessAdmin: ['access.admin'],
};

/** What a set of roles holds under a mapping (the union); roles the mapping does not name fall back to the default. */
export function permissionsOfRoles(roles: readonly string[], mapping: Readonly<Partial<Record<Role, readonly Permission[]>>> = {}): ReadonlySet<Permission> {
  const held = new Set<Permission>();
  for (const role of roles) {
    if (!isRole(role)) continue;
    for (const permission of mapping[role] ?? defaultRolePermissions[role]) held.add(permission);
  }
  return held;
}
