import { siteScopeOf } from '@switchboard/estate/domain';
import type { SiteScope } from '@switchboard/estate/domain';
import type { Principal, Role } from '@switchboard/identity/domain';

/**
 * Who reads the estate: site managers and client managers (their sites), head office, the help
 * desk (requests are registered for units of any site) and CommunicationsAdmin (building-wide
 * notices go to any site).
 */
export const ESTATE_READERS = ['SiteManager', 'ClientManager', 'ClientService', 'HelpDeskUser', 'HelpDeskManager', 'CommunicationsAdmin'] as const;
/** Who keeps it: site managers (their sites) and head office (every site). */
export const ESTATE_KEEPERS = ['SiteManager', 'ClientService'] as const;

/** Roles that read every site without keeping any. */
const READS_EVERY_SITE: readonly Role[] = ['HelpDeskUser', 'HelpDeskManager', 'CommunicationsAdmin'];

const sitesOf = (principal: Principal) => ({ roles: principal.roles, sites: principal.sites ?? [] });

/** Roles that read, without keeping, the estate of their own sites: client managers serve its clients (ADR 0032). */
const READS_OWN_SITES: readonly Role[] = ['ClientManager'];

/** The sites the person may read; the scope goes into every query's WHERE (404 outside it). */
export function readScope(principal: Principal): SiteScope {
  if (principal.roles.some((role) => READS_EVERY_SITE.includes(role))) return { all: true };
  return withOwnSites(siteScopeOf(sitesOf(principal)), principal, READS_OWN_SITES);
}

/** The scope, with the person's own sites added when they hold one of `roles`. */
function withOwnSites(scope: SiteScope, principal: Principal, roles: readonly Role[]): SiteScope {
  if (scope.all) return scope;
  const own = principal.roles.some((role) => roles.includes(role)) ? (principal.sites ?? []) : [];
  return { all: false, slugs: [...new Set([...scope.slugs, ...own])] };
}

/** The sites the person may change. */
export const writeScope = (principal: Principal): SiteScope => siteScopeOf(sitesOf(principal));

/**
 * The security desk's roles read the units of their own sites (a pass names a unit; a dispatcher
 * registers requests for them), and so do technicians (where they go; ADR 0032) — the units, not
 * every request of a unit.
 */
const DESK_ROLES: readonly Role[] = ['Concierge', 'Dispatcher', 'Security', 'Technician'];
export const UNIT_PICKERS = [...ESTATE_READERS, ...DESK_ROLES] as const;

/** The sites whose units the person may pick from: what they read, and the sites of their desk. */
export function unitPickScope(principal: Principal): SiteScope {
  return withOwnSites(readScope(principal), principal, DESK_ROLES);
}
