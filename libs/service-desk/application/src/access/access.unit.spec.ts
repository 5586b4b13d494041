import type { Principal } from '@switchboard/identity/domain';
import type { Incident, ServiceRequest } from '@switchboard/service-desk/domain';
import { incidentAccess, mayTakeIncident, mayTakeRequest, requestAccess } from './access';

const principal = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({
  userId: 'me',
  username: 'me',
  roles,
  departments: [],
  workGroups: [],
  ...extra,
});
const request = (extra: Partial<ServiceRequest> = {}): ServiceRequest => ({
  exists: true,
  id: 'r',
  status: 'IN_PROGRESS',
  contact: { channel: 'sms', address: '+1' },
  department: 'north',
  assigneeId: 'someone',
  messageIds: new Set(),
  replyIds: new Set(),
  notificationIds: new Set(),
  outboundOutcomes: new Map(),
  ...extra,
});
const incident = (extra: Partial<Incident> = {}): Incident => ({
  exists: true,
  id: 'i',
  requestId: 'r',
  status: 'ASSIGNED',
  serviceCode: 1,
  workGroupCode: 301,
  assigneeId: 'someone',
  narrativeIds: new Set(),
  ...extra,
});

describe('access to requests', () => {
  it.each([
    ['a HelpDeskUser acts on their own request', principal(['HelpDeskUser']), request({ assigneeId: 'me' }), undefined, undefined, 'write'],
    ['a HelpDeskUser does not see a colleague’s request', principal(['HelpDeskUser'], { departments: ['north'] }), request(), undefined, undefined, 'none'],
    [
      'a HelpDeskUser reads the department’s unassigned requests (the queue)',
      principal(['HelpDeskUser'], { departments: ['north'] }),
      request({ assigneeId: undefined, status: 'NEW' }),
      undefined,
      undefined,
      'read',
    ],
    [
      'a HelpDeskUser does not see another department’s queue',
      principal(['HelpDeskUser'], { departments: ['south'] }),
      request({ assigneeId: undefined, status: 'NEW' }),
      undefined,
      undefined,
      'none',
    ],
    [
      'a HelpDeskManager acts on the department’s requests',
      principal(['HelpDeskManager'], { departments: ['north'] }),
      request(),
      undefined,
      undefined,
      'write',
    ],
    [
      'a HelpDeskManager does not see another department’s',
      principal(['HelpDeskManager'], { departments: ['south'] }),
      request(),
      undefined,
      undefined,
      'none',
    ],
    ['an SL3User reads the request of their incident', principal(['SL3User']), request(), incident({ assigneeId: 'me' }), 'network-l3', 'read'],
    [
      'an SL3User does not see requests of others’ incidents',
      principal(['SL3User'], { workGroups: ['network-l3'] }),
      request(),
      incident(),
      'network-l3',
      'none',
    ],
    [
      'an SL3Manager reads requests of the work group’s incidents',
      principal(['SL3Manager'], { workGroups: ['network-l3'] }),
      request(),
      incident(),
      'network-l3',
      'read',
    ],
    [
      'two roles give the union',
      principal(['SL3Manager', 'HelpDeskUser'], { workGroups: ['network-l3'] }),
      request({ assigneeId: 'me' }),
      incident(),
      'network-l3',
      'write',
    ],
  ] as const)('%s', (_, who, req, inc, group, expected) => {
    expect(requestAccess(who, req, inc, group)).toBe(expected);
  });
});

describe('access to incidents', () => {
  it.each([
    ['an SL3User acts on their own incident', principal(['SL3User'], { workGroups: ['network-l3'] }), incident({ assigneeId: 'me' }), request(), 'write'],
    ['an SL3User does not see a colleague’s', principal(['SL3User'], { workGroups: ['network-l3'] }), incident(), request(), 'none'],
    [
      'an SL3User reads the work group’s unassigned incidents (the queue)',
      principal(['SL3User'], { workGroups: ['network-l3'] }),
      incident({ assigneeId: undefined, status: 'NEW' }),
      request(),
      'read',
    ],
    [
      'an SL3User does not see another work group’s queue',
      principal(['SL3User'], { workGroups: ['billing-l3'] }),
      incident({ assigneeId: undefined, status: 'NEW' }),
      request(),
      'none',
    ],
    [
      'an SL3Manager acts on the work group’s, incl. unassigned',
      principal(['SL3Manager'], { workGroups: ['network-l3'] }),
      incident({ assigneeId: undefined, status: 'NEW' }),
      request(),
      'write',
    ],
    ['an SL3Manager does not see another work group’s', principal(['SL3Manager'], { workGroups: ['billing-l3'] }), incident(), request(), 'none'],
    ['a HelpDeskUser reads the incident of their request', principal(['HelpDeskUser']), incident(), request({ assigneeId: 'me' }), 'read'],
    [
      'a HelpDeskManager reads incidents of the department’s requests',
      principal(['HelpDeskManager'], { departments: ['north'] }),
      incident(),
      request(),
      'read',
    ],
  ] as const)('%s', (_, who, inc, req, expected) => {
    expect(incidentAccess(who, inc, 'network-l3', req)).toBe(expected);
  });
});

describe('who may take from a queue', () => {
  it.each([
    ['a HelpDeskUser of the request’s department', principal(['HelpDeskUser'], { departments: ['north'] }), true],
    ['a HelpDeskManager of the request’s department', principal(['HelpDeskManager'], { departments: ['north'] }), true],
    ['a HelpDeskUser of another department', principal(['HelpDeskUser'], { departments: ['south'] }), false],
    ['an L3 engineer', principal(['SL3User'], { departments: ['north'] }), false],
  ] as const)('a request: %s', (_, who, expected) => {
    // Decided on the department alone: whoever lost the race to a colleague hears "taken", not "not found".
    expect(mayTakeRequest(who, request({ assigneeId: 'someone' }))).toBe(expected);
  });

  it.each([
    ['an SL3User of the incident’s work group', principal(['SL3User'], { workGroups: ['network-l3'] }), true],
    ['an SL3Manager of the incident’s work group', principal(['SL3Manager'], { workGroups: ['network-l3'] }), true],
    ['an SL3User of another work group', principal(['SL3User'], { workGroups: ['billing-l3'] }), false],
    ['a help-desk operator', principal(['HelpDeskUser'], { workGroups: ['network-l3'] }), false],
  ] as const)('an incident: %s', (_, who, expected) => {
    expect(mayTakeIncident(who, 'network-l3')).toBe(expected);
  });
});
