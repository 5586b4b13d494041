import { siteScopeOf } from '@switchboard/estate/domain';
import type { SiteScope } from '@switchboard/estate/domain';
import type { Principal, Role } from '@switchboard/identity/domain';

/**
 * Who reads the estate: site managers (their sites), head office, the help desk (requests are
 * registered for units of any site) and CommunicationsAdmin (building-wide notices go to any site).
 */
export const ESTATE_READERS = ['SiteManager', 'ClientService', 'HelpDeskUser', 'HelpDeskManager', 'CommunicationsAdmin'] as const;
/** Who keeps it: site managers (their sites) and head office (every site). */
export const ESTATE_KEEPERS = ['SiteManager', 'ClientService'] as const;

/** Roles that read every site without keeping any. */
const READS_EVERY_SITE: readonly Role[] = ['HelpDeskUser', 'HelpDeskManager', 'CommunicationsAdmin'];

const sitesOf = (principal: Principal) => ({ roles: principal.roles, sites: principal.sites ?? [] });

/** The sites the person may read; the scope goes into every query's WHERE (404 outside it). */
export function readScope(principal: Principal): SiteScope {
  if (principal.roles.some((role) => READS_EVERY_SITE.includes(role))) return { all: true };
  return siteScopeOf(sitesOf(principal));
}

/** The sites the person may change. */
export const writeScope = (principal: Principal): SiteScope => siteScopeOf(sitesOf(principal));

/** The security desk's roles read the units of their own sites (a pass names a unit). */
const DESK_ROLES: readonly Role[] = ['Concierge', 'Dispatcher', 'Security'];
export const UNIT_PICKERS = [...ESTATE_READERS, ...DESK_ROLES] as const;

/** The sites whose units the person may pick from: what they read, and the sites of their desk. */
export function unitPickScope(principal: Principal): SiteScope {
  const read = readScope(principal);
  if (read.all) return read;
  const desk = principal.roles.some((role) => DESK_ROLES.includes(role)) ? (principal.sites ?? []) : [];
  return { all: false, slugs: [...new Set([...read.slugs, ...desk])] };
}
