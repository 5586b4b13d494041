import { sitesOf, teamsOf } from './directory-user';
import { isRole } from './role';
import type { Role } from './role';
import type { Permission } from './permissions/permission-catalogue';

/** The authenticated operator or service account behind a request. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly email?: string;
  readonly roles: readonly Role[];
  /**
   * What the roles allow under the current role → permissions mapping (ADR 0031), set by the
   * authentication guard; read it through `permissionsOf` (the default mapping when unset).
   */
  readonly permissions?: ReadonlySet<Permission>;
  /** Help-desk departments (Keycloak groups under /departments). */
  readonly departments: readonly string[];
  /** L3 work groups (Keycloak groups under /work-groups). */
  readonly workGroups: readonly string[];
  /** Sites the person covers (slugs of Keycloak groups under /sites); what they see there depends on their role. */
  readonly sites?: readonly string[];
  /** Whether the IdP verified `email` (self-registration links by a verified email, ADR 0030). */
  readonly emailVerified?: boolean;
  /**
   * The client a resident's account is linked to: never from the token, the portal resolves it
   * from its link table and sets it for the read models' visibility (a resident sees their own).
   */
  readonly residentOf?: string;
}

/** The claims of a Keycloak access token that Switchboard relies on. */
export interface KeycloakClaims {
  readonly sub?: string;
  readonly preferred_username?: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly realm_access?: { readonly roles?: readonly string[] };
  readonly groups?: readonly string[];
}

export function principalFromClaims(claims: KeycloakClaims): Principal {
  if (!claims.sub) throw new Error('token has no subject (sub)');
  const { departments, workGroups } = teamsOf(claims.groups ?? []);
  const sites = sitesOf(claims.groups ?? []);
  return {
    userId: claims.sub,
    username: claims.preferred_username ?? claims.sub,
    email: claims.email,
    ...(claims.email_verified !== undefined ? { emailVerified: claims.email_verified } : {}),
    roles: (claims.realm_access?.roles ?? []).filter(isRole),
    departments,
    workGroups,
    ...(sites.length ? { sites } : {}),
  };
}
