import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';

/** A caller who may not do this at all (403); one who may, but not at this site, is told the pass does not exist (404). */
export class SecurityDeskForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecurityDeskForbiddenError';
  }
}

export function demandSecurityDesk(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SecurityDeskForbiddenError(message);
}

const sitesOf = (principal: Principal): readonly string[] => principal.sites ?? [];

/**
 * Who does what at the security desk, by permission (ADR 0031) and site (groups under /sites). Residents
 * order passes too, in the residents' portal and only for their own units: the portal checks the
 * unit against the resident's units (ADR 0030) before it asks the desk.
 */
export const securityDeskAccess = {
  /** Orders and revokes passes. */
  issuesPasses: (principal: Principal): boolean => holds(principal, 'pass.create:site'),
  /** Orders passes for the units they live in (the caller proves the unit is theirs); residents stay role-based (ADR 0031). */
  ordersForOwnUnits: (principal: Principal): boolean => principal.roles.includes('Resident'),
  /** Works the guard's desk: today's visitors, search, check-in and check-out, the day log. */
  guards: (principal: Principal): boolean => holds(principal, 'pass.check:site'),
  /** Any role of the desk. */
  worksAtDesk: (principal: Principal): boolean => securityDeskAccess.issuesPasses(principal) || securityDeskAccess.guards(principal),
  /** The sites the caller's desk covers. */
  sites: sitesOf,
  coversSite: (principal: Principal, siteSlug: string): boolean => sitesOf(principal).includes(siteSlug),
} as const;
