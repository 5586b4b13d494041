/**
 * Which sites a person sees: every site, or the listed ones (the sites of their directory groups
 * `/sites/<slug>`). Who gets which is the API's permission check (apps/api/src/estate/estate.access.ts, ADR 0031).
 */
export type SiteScope = { readonly all: true } | { readonly all: false; readonly slugs: readonly string[] };

export const SITE_GROUPS = '/sites/';

/** The site slugs among a user's group paths. */
export const sitesOfGroups = (groups: readonly string[]): string[] => groups.filter((g) => g.startsWith(SITE_GROUPS)).map((g) => g.slice(SITE_GROUPS.length));

export const sitesGroupPath = (slug: string): string => `${SITE_GROUPS}${slug}`;

export const seesSite = (scope: SiteScope, slug: string): boolean => scope.all || scope.slugs.includes(slug);

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const isSiteSlug = (value: string): boolean => SLUG.test(value);
