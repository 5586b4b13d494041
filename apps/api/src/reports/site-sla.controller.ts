import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CATALOGUE_REPOSITORY } from '@switchboard/catalogue';
import type { CatalogueRepository } from '@switchboard/catalogue';
import { ESTATE_STORE } from '@switchboard/estate';
import type { EstateStore } from '@switchboard/estate';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import type { SiteScope } from '@switchboard/estate/domain';
import { Operation, Problems, Responds, ZodQuery, validationProblem } from '@switchboard/platform';
import { SiteSlaQueries } from '@switchboard/read-models';
import type { SlaFigures } from '@switchboard/read-models';
import { isoDate } from '../http/inputs';
import { siteSlaReportAnswer } from './site-sla.answers';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

const rangeParams = z.object({
  from: isoDate.optional().describe(`Requests registered from (default: ${DEFAULT_DAYS} days before \`to\`).`),
  to: isoDate.optional().describe('… until, exclusive (default: now).'),
});

const NONE: SlaFigures = { requests: 0, closed: 0, slaMetPercent: null, breached: 0, medianResolutionSeconds: null, p95ResolutionSeconds: null };

/**
 * SLA per estate site and request category (issue 16, "Reports"), from the PostgreSQL read model;
 * Grafana's sites-sla dashboard shows the same from ClickHouse. Every site of the caller's scope
 * is listed, those without requests with zeros; the scope is in the query's WHERE, so another
 * site's requests are never read.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
// Site managers their sites, head office and help-desk managers every site (the default mapping, ADR 0031).
@Permits('report.site-sla:all', 'report.site-sla:site')
@Controller('reports')
export class SiteSlaController {
  constructor(
    @Inject(SiteSlaQueries) private readonly reports: SiteSlaQueries,
    @Inject(ESTATE_STORE) private readonly estate: EstateStore,
    @Inject(CATALOGUE_REPOSITORY) private readonly catalogue: CatalogueRepository,
  ) {}

  @Get('sites-sla')
  @Operation(
    'getSitesSla',
    'SLA per site and request category over the requests registered in the range: requests, closed, SLA met %, breaches, median and 95th percentile resolution time.',
  )
  @Responds(200, siteSlaReportAnswer, 'The report, for the sites the caller sees.')
  async sitesSla(@CurrentPrincipal() principal: Principal, @ZodQuery(rangeParams) query: z.output<typeof rangeParams>): Promise<object> {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - DEFAULT_DAYS * 86_400_000);
    if (from.getTime() >= to.getTime()) throw validationProblem('invalid range', [{ field: 'from', message: 'must be before `to`' }]);
    if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000)
      throw validationProblem('invalid range', [{ field: 'from', message: `at most ${MAX_DAYS} days before \`to\`` }]);
    const scope: SiteScope = holds(principal, 'report.site-sla:all') ? { all: true } : { all: false, slugs: [...(principal.sites ?? [])] };
    const [sites, report, services] = await Promise.all([
      this.estate.listSites(scope),
      this.reports.report({ from, to }, scope.all ? undefined : scope.slugs),
      this.catalogue.listServices(),
    ]);
    const serviceNames = new Map(services.map((s) => [s.code, s.name]));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      totals: report.totals,
      sites: sites.map((site) => ({
        siteId: site.id,
        siteSlug: site.slug,
        siteName: site.name,
        totals: report.sites.get(site.slug) ?? NONE,
        categories: report.categories
          .filter((row) => row.siteSlug === site.slug)
          .map(({ siteSlug: _site, ...row }) => ({
            category: row.serviceCode === null ? row.department || '—' : (serviceNames.get(row.serviceCode) ?? String(row.serviceCode)),
            ...row,
          }))
          .sort((a, b) => a.category.localeCompare(b.category)),
      })),
    };
  }
}
