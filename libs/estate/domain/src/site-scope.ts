/**
 * Which sites a person sees: head office (ClientService) sees every site; a site manager the sites of
 * their directory groups `/sites/<slug>`; anyone else none.
 */
export type SiteScope = { readonly all: true } | { readonly all: false; readonly slugs: readonly string[] };

export const SITE_GROUPS = '/sites/';

/** The site slugs among a user's group paths. */
export const sitesOfGroups = (groups: readonly string[]): string[] => groups.filter((g) => g.startsWith(SITE_GROUPS)).map((g) => g.slice(SITE_GROUPS.length));

export const sitesGroupPath = (slug: string): string => `${SITE_GROUPS}${slug}`;

export function siteScopeOf(person: { readonly roles: readonly string[]; readonly sites?: readonly string[] }): SiteScope {
  if (person.roles.includes('ClientService')) return { all: true };
  if (person.roles.includes('SiteManager')) return { all: false, slugs: [...(person.sites ?? [])] };
  return { all: false, slugs: [] };
}

export const seesSite = (scope: SiteScope, slug: string): boolean => scope.all || scope.slugs.includes(slug);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const isSiteSlug = (value: string): boolean => SLUG.test(value);
