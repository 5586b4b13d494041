import type { Principal, Role } from '../auth/principal';
import { queuesOf } from './queues';

const who = (roles: Role[]): Principal => ({ userId: 'me', username: 'me', name: 'Me', roles, departments: [], workGroups: [], sites: ['river-park'] });
const ids = (roles: Role[]) => queuesOf(who(roles)).map((q) => [q.id, 'assignee' in q.filters ? q.filters.assignee : undefined]);

describe('"My work" of each role', () => {
  it('gives a technician their own requests first, then the unassigned ones of their sites', () => {
    expect(ids(['Technician'])).toEqual([
      ['my-requests', 'me'],
      ['site-queue', 'none'],
    ]);
  });

  it('gives site and client managers and head office the requests of their sites', () => {
    expect(ids(['ClientManager'])).toEqual([['site-requests', undefined]]);
    expect(ids(['SiteManager'])).toEqual([['site-requests', undefined]]);
    expect(ids(['ClientService'])).toEqual([['site-requests', undefined]]);
  });

  it('keeps the help desk’s queues as they were', () => {
    expect(ids(['HelpDeskUser'])).toEqual([['my-requests', 'me']]);
    expect(ids(['Concierge'])).toEqual([]);
  });
});
