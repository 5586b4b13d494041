import { teamsOf } from './directory-user';
import { isRole } from './role';
import type { Role } from './role';

/** The authenticated operator or service account behind a request. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly email?: string;
  readonly roles: readonly Role[];
  /** Help-desk departments (Keycloak groups under /departments). */
  readonly departments: readonly string[];
  /** L3 work groups (Keycloak groups under /work-groups). */
  readonly workGroups: readonly string[];
}

/** The claims of a Keycloak access token that Switchboard relies on. */
export interface KeycloakClaims {
  readonly sub?: string;
  readonly preferred_username?: string;
  readonly email?: string;
  readonly realm_access?: { readonly roles?: readonly string[] };
  readonly groups?: readonly string[];
}

export function principalFromClaims(claims: KeycloakClaims): Principal {
  if (!claims.sub) throw new Error('token has no subject (sub)');
  const { departments, workGroups } = teamsOf(claims.groups ?? []);
  return {
    userId: claims.sub,
    username: claims.preferred_username ?? claims.sub,
    email: claims.email,
    roles: (claims.realm_access?.roles ?? []).filter(isRole),
    departments,
    workGroups,
  };
}
