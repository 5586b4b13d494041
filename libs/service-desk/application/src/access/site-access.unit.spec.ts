import type { Principal } from '@switchboard/identity/domain';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import type { Assignee, ServiceRequest } from '@switchboard/service-desk/domain';
import { checkAssigneeFor, mayAssignRequest, mayTakeRequest, requestAccess } from './access';

const principal = (roles: Principal['roles'], sites: string[] = [], extra: Partial<Principal> = {}): Principal => ({
  userId: 'me',
  username: 'me',
  roles,
  departments: [],
  workGroups: [],
  sites,
  ...extra,
});
const request = (extra: Partial<ServiceRequest> = {}): ServiceRequest => ({
  exists: true,
  id: 'r',
  status: 'IN_PROGRESS',
  contact: { channel: 'operator', address: 'dispatcher' },
  department: 'first-line-north',
  assigneeId: 'someone',
  siteSlug: 'river-park',
  messageIds: new Set(),
  replyIds: new Set(),
  notificationIds: new Set(),
  outboundOutcomes: new Map(),
  ...extra,
});
const river = ['river-park'];
const oldTown = ['old-town'];

describe('access of site staff and technicians to requests (ADR 0032)', () => {
  it.each([
    ['a SiteManager acts on a request of their site', principal(['SiteManager'], river), request(), 'write'],
    ['a SiteManager does not see another site’s request', principal(['SiteManager'], oldTown), request(), 'none'],
    ['a ClientManager acts on a request of their site', principal(['ClientManager'], river), request(), 'write'],
    ['a ClientManager does not see another site’s request', principal(['ClientManager'], oldTown), request(), 'none'],
    ['a Dispatcher acts on a request of their site', principal(['Dispatcher'], [...oldTown, ...river]), request(), 'write'],
    ['a Dispatcher does not see another site’s request', principal(['Dispatcher'], oldTown), request(), 'none'],
    [
      'site staff do not see a request without a site',
      principal(['SiteManager', 'ClientManager', 'Dispatcher'], river),
      request({ siteSlug: undefined }),
      'none',
    ],
    ['ClientService reads every site’s request', principal(['ClientService']), request({ siteSlug: 'old-town' }), 'read'],
    ['ClientService does not see a request without a site', principal(['ClientService']), request({ siteSlug: undefined }), 'none'],
    ['a Concierge does not see requests', principal(['Concierge'], river), request(), 'none'],
    ['a Security guard does not see requests', principal(['Security'], river), request(), 'none'],
    ['a Technician acts on the request assigned to them', principal(['Technician'], oldTown), request({ assigneeId: 'me' }), 'write'],
    ['a Technician does not see a colleague’s request of their site', principal(['Technician'], river), request({ assigneeId: 'someone' }), 'none'],
    [
      'a Technician reads the unassigned requests of their site',
      principal(['Technician'], river),
      request({ assigneeId: undefined, department: undefined, status: 'NEW' }),
      'read',
    ],
    [
      'a Technician does not see another site’s unassigned requests',
      principal(['Technician'], oldTown),
      request({ assigneeId: undefined, department: undefined, status: 'NEW' }),
      'none',
    ],
    [
      'a Technician does not see their site’s unassigned request in a help-desk department’s queue',
      principal(['Technician'], river),
      request({ assigneeId: undefined, status: 'NEW' }),
      'none',
    ],
  ] as const)('%s', (_, who, what, expected) => {
    expect(requestAccess(who, what, undefined, undefined)).toBe(expected);
  });

  it.each([
    ['a SiteManager of its site', principal(['SiteManager'], river), true],
    ['a Dispatcher of its site', principal(['Dispatcher'], river), true],
    ['a SiteManager of another site', principal(['SiteManager'], oldTown), false],
    ['a ClientManager of its site (they serve the client, not hand out work)', principal(['ClientManager'], river), false],
    ['a Technician of its site', principal(['Technician'], river), false],
    ['a help-desk manager, as before', principal(['HelpDeskManager'], [], { departments: ['first-line-north'] }), true],
  ] as const)('assigning a site’s request is for %s: %s', (_, who, expected) => {
    expect(mayAssignRequest(who, request())).toBe(expected);
  });

  it.each([
    ['a Technician of its site', principal(['Technician'], river), true],
    ['a Technician of another site', principal(['Technician'], oldTown), false],
    ['a Dispatcher of its site (they assign, not take)', principal(['Dispatcher'], river), false],
  ] as const)('taking a site’s unassigned request is for %s: %s', (_, who, expected) => {
    expect(mayTakeRequest(who, request({ assigneeId: undefined, department: undefined }))).toBe(expected);
  });

  it('keeps a help-desk department’s queue the help desk’s: a technician of the site does not take from it', () => {
    expect(mayTakeRequest(principal(['Technician'], river), request({ assigneeId: undefined }))).toBe(false);
    expect(mayTakeRequest(principal(['HelpDeskUser'], [], { departments: ['first-line-north'] }), request({ assigneeId: undefined }))).toBe(true);
  });

  describe('whom a site’s staff may assign', () => {
    const hdUserNorth: Assignee = { id: 'hd-north', username: 'hd.user.north', roles: ['HelpDeskUser'], departments: ['first-line-north'], workGroups: [] };
    const techRiver: Assignee = { id: 'tech-river', username: 'technician.river', roles: ['Technician'], departments: [], workGroups: [], sites: river };
    const techOld: Assignee = { id: 'tech-old', username: 'technician.old-town', roles: ['Technician'], departments: [], workGroups: [], sites: oldTown };
    const ruleOf = (assign: () => unknown): string | undefined => {
      try {
        assign();
        return undefined;
      } catch (error) {
        if (error instanceof DomainRuleError) return error.rule;
        throw error;
      }
    };
    // A request a dispatcher registered: of river-park, in no department.
    const registered = request({ department: undefined, assigneeId: undefined, status: 'NEW' });

    it.each([
      ['a SiteManager', principal(['SiteManager'], river)],
      ['a Dispatcher', principal(['Dispatcher'], river)],
    ] as const)('%s hands a request of their site to its technician, not to a help-desk operator nor another site’s technician', (_, who) => {
      for (const what of [registered, request()]) {
        expect(ruleOf(() => checkAssigneeFor(who, what, 'technician.river', techRiver, what.department))).toBeUndefined();
        expect(ruleOf(() => checkAssigneeFor(who, what, 'hd.user.north', hdUserNorth, what.department))).toBe('assignee-not-site-technician');
        expect(ruleOf(() => checkAssigneeFor(who, what, 'technician.old-town', techOld, what.department))).toBe('assignee-not-on-site');
      }
    });

    it('leaves the help desk of the request’s department its rule: an operator of the department, or a technician of the site', () => {
      const manager = principal(['HelpDeskManager'], [], { departments: ['first-line-north'] });
      expect(ruleOf(() => checkAssigneeFor(manager, request(), 'hd.user.north', hdUserNorth, 'first-line-north'))).toBeUndefined();
      expect(ruleOf(() => checkAssigneeFor(manager, request(), 'technician.river', techRiver, 'first-line-north'))).toBeUndefined();
    });
  });
});
