import type { Principal } from '@switchboard/identity/domain';
import type { ServiceRequest } from '@switchboard/service-desk/domain';
import { mayAssignRequest, mayTakeRequest, requestAccess } from './access';

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
    ['a Technician reads the unassigned requests of their site', principal(['Technician'], river), request({ assigneeId: undefined, status: 'NEW' }), 'read'],
    [
      'a Technician does not see another site’s unassigned requests',
      principal(['Technician'], oldTown),
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
});
