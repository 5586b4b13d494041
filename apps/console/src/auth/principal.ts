/** The signed-in operator as the access token describes them (the API reads the same claims). */
export type Role = 'HelpDeskUser' | 'HelpDeskManager' | 'SL3User' | 'SL3Manager';
export const roles: readonly Role[] = ['HelpDeskUser', 'HelpDeskManager', 'SL3User', 'SL3Manager'];

export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly departments: readonly string[];
  readonly workGroups: readonly string[];
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
  };
}

export const isHelpDesk = (p: Principal): boolean => p.roles.includes('HelpDeskUser') || p.roles.includes('HelpDeskManager');
export const isL3 = (p: Principal): boolean => p.roles.includes('SL3User') || p.roles.includes('SL3Manager');
export const isManager = (p: Principal): boolean => p.roles.includes('HelpDeskManager') || p.roles.includes('SL3Manager');
