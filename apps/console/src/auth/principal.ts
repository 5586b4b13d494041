/** The signed-in operator as the access token describes them (the API reads the same claims). */
export type Role =
  | 'HelpDeskUser'
  | 'HelpDeskManager'
  | 'SL3User'
  | 'SL3Manager'
  | 'CommunicationsAdmin'
  | 'SiteManager'
  | 'ClientService'
  | 'Security'
  | 'Concierge'
  | 'Dispatcher'
  | 'ClientManager'
  | 'Technician'
  | 'Resident'
  | 'AccessAdmin';
export const roles: readonly Role[] = [
  'HelpDeskUser',
  'HelpDeskManager',
  'SL3User',
  'SL3Manager',
  'CommunicationsAdmin',
  'SiteManager',
  'ClientService',
  'Security',
  'Concierge',
  'Dispatcher',
  'ClientManager',
  'Technician',
  'Resident',
  'AccessAdmin',
];

export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly departments: readonly string[];
  readonly workGroups: readonly string[];
  /** Sites the person covers (groups under /sites): a site manager's estate, the security desk's scope. */
  readonly sites: readonly string[];
}

interface Claims {
  sub?: string;
  preferred_username?: string;
  name?: string;
  realm_access?: { roles?: string[] };
  groups?: string[];
}

/** Reads the access token's claims (not verified here: the API verifies every call). */
export function principalFromAccessToken(token: string): Principal {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  const claims = JSON.parse(json) as Claims;
  const groups = claims.groups ?? [];
  const under = (prefix: string) => groups.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));
  return {
    userId: claims.sub ?? '',
    username: claims.preferred_username ?? claims.sub ?? '',
    name: claims.name ?? claims.preferred_username ?? '',
    roles: (claims.realm_access?.roles ?? []).filter((r): r is Role => (roles as readonly string[]).includes(r)),
    departments: under('/departments/'),
    workGroups: under('/work-groups/'),
    sites: under('/sites/'),
  };
}

export const isHelpDesk = (p: Principal): boolean => p.roles.includes('HelpDeskUser') || p.roles.includes('HelpDeskManager');
export const isL3 = (p: Principal): boolean => p.roles.includes('SL3User') || p.roles.includes('SL3Manager');
export const isManager = (p: Principal): boolean => p.roles.includes('HelpDeskManager') || p.roles.includes('SL3Manager');

/** Who administers communication templates: help-desk managers, and communications administrators once the realm has the role. */
export const mayAdministerTemplates = (p: Principal | null | undefined): boolean =>
  Boolean(p?.roles.some((role: string) => role === 'HelpDeskManager' || role === 'CommunicationsAdmin'));

/** Who administers which permissions each role holds (ADR 0031): access administrators. */
export const mayAdministerAccess = (p: Principal | null | undefined): boolean => Boolean(p?.roles.includes('AccessAdmin'));

/** Who manages the public API's keys: communications administrators (ADR 0025). */
export const mayManageApiKeys = (p: Principal | null | undefined): boolean => Boolean(p?.roles.some((role: string) => role === 'CommunicationsAdmin'));

/** Who opens the estate (sites, grids, unit cards): site and client managers, head office, the help desk, communications admins (the API scopes what each sees). */
export const mayReadEstate = (p: Principal | null | undefined): boolean =>
  Boolean(
    p?.roles.some(
      (r) =>
        r === 'SiteManager' || r === 'ClientManager' || r === 'ClientService' || r === 'HelpDeskUser' || r === 'HelpDeskManager' || r === 'CommunicationsAdmin',
    ),
  );
/** Site staff who read the requests of their sites (ADR 0032); head office reads every site's. */
export const readsSiteRequests = (p: Principal | null | undefined): boolean =>
  Boolean(p?.roles.some((r) => r === 'SiteManager' || r === 'ClientManager' || r === 'ClientService'));
/** Dispatchers work at the desk and also the requests of their sites (ADR 0032): a link to the request list. */
export const dispatchesSiteRequests = (p: Principal | null | undefined): boolean => Boolean(p?.roles.includes('Dispatcher'));
/** Technicians work the requests assigned to them and take the unassigned ones of their sites (ADR 0032). */
export const isTechnician = (p: Principal | null | undefined): boolean => Boolean(p?.roles.includes('Technician'));
/** Who reads the site SLA report: site managers (their sites), head office and help-desk managers (every site) — as the API allows. */
export const maySeeSiteSla = (p: Principal | null | undefined): boolean =>
  Boolean(p?.roles.some((r) => r === 'SiteManager' || r === 'ClientService' || r === 'HelpDeskManager'));
/** Guards work the security desk (ADR 0029). */
export const guardsDesk = (p: Principal | null | undefined): boolean => Boolean(p?.roles.includes('Security'));
/** Concierges and dispatchers order visitor passes. */
export const issuesPasses = (p: Principal | null | undefined): boolean => Boolean(p?.roles.some((role) => role === 'Concierge' || role === 'Dispatcher'));
/** Someone whose only work is at the security desk: the console opens on the desk, not on the help desk's queue. */
export const worksOnlyAtDesk = (p: Principal | null | undefined): boolean =>
  Boolean(p && p.roles.length > 0 && p.roles.every((role) => role === 'Security' || role === 'Concierge' || role === 'Dispatcher'));

/**
 * A resident's account (ADR 0030): the Resident role, or no role at all (an account that signed
 * itself up). The console opens the residents' portal for it instead of the operators' screens.
 */
export const isResidentAccount = (p: Principal | null | undefined): boolean => Boolean(p && p.roles.every((role) => role === 'Resident'));
