import { holds } from '@switchboard/identity/domain';
import type { Permission, Principal } from '@switchboard/identity/domain';
import type { SiteScope } from '@switchboard/estate/domain';

/**
 * Who reads the estate (ADR 0031; the roles are the default mapping's): site and client managers
 * their sites (`estate.read:site`; client managers serve its clients, ADR 0032), head office, the help desk (requests are registered for units of any site)
 * and CommunicationsAdmin (building-wide notices go to any site) every site (`estate.read:all`).
 */
export const ESTATE_READERS: readonly Permission[] = ['estate.read:all', 'estate.read:site'];
/** Who keeps it: site managers their sites (`estate.edit:site`), head office every site (`estate.edit:all`). */
export const ESTATE_KEEPERS: readonly Permission[] = ['estate.edit:all', 'estate.edit:site'];
/**
 * The security desk's roles read the units of their own sites (a pass names a unit; a dispatcher
 * registers requests for them), and so do technicians (where they go; ADR 0032): `unit.pick:site`.
 */
export const UNIT_PICKERS: readonly Permission[] = [...ESTATE_READERS, 'unit.pick:site'];

const scope = (principal: Principal, all: Permission, site: Permission): SiteScope => {
  if (holds(principal, all)) return { all: true };
  return { all: false, slugs: holds(principal, site) ? [...(principal.sites ?? [])] : [] };
};

/** The sites the person may read; the scope goes into every query's WHERE (404 outside it). */
export const readScope = (principal: Principal): SiteScope => scope(principal, 'estate.read:all', 'estate.read:site');

/** The sites the person may change. */
export const writeScope = (principal: Principal): SiteScope => scope(principal, 'estate.edit:all', 'estate.edit:site');

/** The sites whose units the person may pick from: what they read, and the sites of their desk. */
export function unitPickScope(principal: Principal): SiteScope {
  const read = readScope(principal);
  if (read.all) return read;
  const desk = holds(principal, 'unit.pick:site') ? (principal.sites ?? []) : [];
  return { all: false, slugs: [...new Set([...read.slugs, ...desk])] };
}

/** Whether the person reads the estate at all (the unit card's requests). */
export const readsEstate = (principal: Principal): boolean => holds(principal, ...ESTATE_READERS);
