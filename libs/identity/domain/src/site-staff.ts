import type { Role } from './role';

/**
 * Site staff and the requests of their sites (issue 16, ADR 0032). Sites are directory groups
 * `/sites/<slug>`; one rule per function, so that each can become a permission of the catalogue.
 */
type Roles = readonly Role[] | ReadonlySet<Role>;
const holds = (roles: Roles, wanted: readonly Role[]): boolean =>
  wanted.some((role) => (Array.isArray(roles) ? roles.includes(role) : (roles as ReadonlySet<Role>).has(role)));

/** Read and work (reply, close, link the client) the requests of their sites. */
export const SITE_REQUEST_STAFF: readonly Role[] = ['SiteManager', 'ClientManager', 'Dispatcher'];
/** Read, without changing, the requests of every site (head office). */
export const EVERY_SITE_REQUEST_READERS: readonly Role[] = ['ClientService'];
/** Hand the requests of their sites to the technicians of those sites. */
export const SITE_REQUEST_ASSIGNERS: readonly Role[] = ['SiteManager', 'Dispatcher'];
/** Register a request for a unit or building of their sites (a call, a client at the desk). */
export const SITE_REQUEST_REGISTRARS: readonly Role[] = ['Dispatcher', 'ClientManager'];
/** Work the requests assigned to them; read (and take) the unassigned ones of their sites. */
export const TECHNICIANS: readonly Role[] = ['Technician'];

export const worksSiteRequests = (roles: Roles): boolean => holds(roles, SITE_REQUEST_STAFF);
export const readsEverySiteRequest = (roles: Roles): boolean => holds(roles, EVERY_SITE_REQUEST_READERS);
export const assignsSiteRequests = (roles: Roles): boolean => holds(roles, SITE_REQUEST_ASSIGNERS);
export const registersSiteRequests = (roles: Roles): boolean => holds(roles, SITE_REQUEST_REGISTRARS);
export const isTechnician = (roles: Roles): boolean => holds(roles, TECHNICIANS);

/** Whether a site (of a request, unit or building) is one of the person's: `undefined` (no site) never is. */
export const coversSite = (sites: readonly string[] | undefined, siteSlug: string | undefined): boolean =>
  siteSlug !== undefined && (sites ?? []).includes(siteSlug);
