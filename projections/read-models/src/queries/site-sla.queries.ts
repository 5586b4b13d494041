import type { Pool } from 'pg';

/** The figures of one group of requests (registered in the range). */
export interface SlaFigures {
  readonly requests: number;
  readonly closed: number;
  /** Of the closed requests with an SLA policy, the share that breached neither target, in % (one decimal); null when there are none. */
  readonly slaMetPercent: number | null;
  /** Requests with a breach of either target (recorded, or missed when the clock stopped), open ones included. */
  readonly breached: number;
  /** Median and 95th percentile of registration → closure, over the closed requests; null when none closed. */
  readonly medianResolutionSeconds: number | null;
  readonly p95ResolutionSeconds: number | null;
}

/** A request category: the catalogue service it was escalated with, else its queue department. */
export interface SlaCategoryKey {
  readonly serviceCode: number | null;
  readonly department: string | null;
}

export interface SiteSlaRow extends SlaFigures, SlaCategoryKey {
  readonly siteSlug: string;
}

export interface SiteSlaReport {
  readonly totals: SlaFigures;
  readonly sites: ReadonlyMap<string, SlaFigures>;
  readonly categories: readonly SiteSlaRow[];
}

const NO_FIGURES: SlaFigures = {
  requests: 0,
  closed: 0,
  slaMetPercent: null,
  breached: 0,
  medianResolutionSeconds: null,
  p95ResolutionSeconds: null,
};

const BREACHED = `(r.sla_breached OR r.sla->'firstResponse'->>'status' = 'missed' OR r.sla->'resolution'->>'status' = 'missed')`;
const JUDGED = `(r.sla IS NOT NULL AND r.state = 'CLOSED')`;
const RESOLUTION = `extract(epoch FROM r.closed_at - r.created_at)`;

/**
 * SLA per estate site and request category over the requests registered in a range (the console's
 * Site SLA summary; Grafana's sites-sla dashboard computes the same from ClickHouse). The caller's
 * site scope is part of the WHERE: `sites` undefined for every site, else these slugs. One query:
 * grouping sets give the per-category rows, each site's totals and the grand total.
 */
export class SiteSlaQueries {
  constructor(private readonly pool: Pool) {}

  async report(range: { readonly from: Date; readonly to: Date }, sites: readonly string[] | undefined): Promise<SiteSlaReport> {
    const { rows } = await this.pool.query<{
      level: number;
      site_slug: string | null;
      service_code: number | null;
      department: string | null;
      requests: number;
      closed: number;
      judged: number;
      met: number;
      breached: number;
      median: number | null;
      p95: number | null;
    }>(
      `SELECT grouping(r.site_slug, r.service_code, category_department) AS level, r.site_slug, r.service_code, category_department AS department,
              count(*)::int AS requests,
              count(*) FILTER (WHERE r.state = 'CLOSED')::int AS closed,
              count(*) FILTER (WHERE ${JUDGED})::int AS judged,
              count(*) FILTER (WHERE ${JUDGED} AND NOT ${BREACHED})::int AS met,
              count(*) FILTER (WHERE ${BREACHED})::int AS breached,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RESOLUTION}) FILTER (WHERE r.state = 'CLOSED') AS median,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY ${RESOLUTION}) FILTER (WHERE r.state = 'CLOSED') AS p95
         FROM rm_requests r,
              LATERAL (SELECT CASE WHEN r.service_code IS NULL THEN coalesce(r.department, '') END AS category_department) c
        WHERE r.site_slug IS NOT NULL ${sites ? 'AND r.site_slug = ANY ($3::text[])' : ''}
          AND r.created_at >= $1 AND r.created_at < $2
        GROUP BY GROUPING SETS ((r.site_slug, r.service_code, category_department), (r.site_slug), ())
        ORDER BY r.site_slug NULLS FIRST, r.service_code NULLS FIRST, category_department NULLS FIRST`,
      sites ? [range.from, range.to, sites] : [range.from, range.to],
    );
    const figuresOf = (row: (typeof rows)[number]): SlaFigures => ({
      requests: row.requests,
      closed: row.closed,
      slaMetPercent: row.judged === 0 ? null : Math.round((1000 * row.met) / row.judged) / 10,
      breached: row.breached,
      medianResolutionSeconds: row.median === null ? null : Math.round(Number(row.median)),
      p95ResolutionSeconds: row.p95 === null ? null : Math.round(Number(row.p95)),
    });
    let totals = NO_FIGURES;
    const bySite = new Map<string, SlaFigures>();
    const categories: SiteSlaRow[] = [];
    for (const row of rows) {
      // grouping(): 0 a category of a site, 3 a site's totals, 7 the grand total.
      if (row.level === 7) totals = figuresOf(row);
      else if (row.level === 3) bySite.set(row.site_slug as string, figuresOf(row));
      else
        categories.push({
          siteSlug: row.site_slug as string,
          serviceCode: row.service_code,
          department: row.service_code === null ? row.department : null,
          ...figuresOf(row),
        });
    }
    return { totals, sites: bySite, categories };
  }
}
