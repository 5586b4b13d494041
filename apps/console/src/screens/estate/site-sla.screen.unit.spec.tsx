import { screen, within } from '@testing-library/react';
import { operator, renderScreen } from '../../../test/render';
import { RuntimeConfigContext } from '../../config/runtime-config-context';
import SiteSlaScreen, { rangeOfDays } from './site-sla.screen';

const SiteSla = ({ grafanaUrl = null }: { grafanaUrl?: string | null }) => (
  <RuntimeConfigContext.Provider
    value={{ authority: 'http://localhost/dev-idp/realms/switchboard', clientId: 'switchboard-console', identityProvider: 'development', grafanaUrl }}
  >
    <SiteSlaScreen />
  </RuntimeConfigContext.Provider>
);

const siteManager = { ...operator, username: 'site.manager.river', roles: ['SiteManager' as const], departments: [], sites: ['river-park'] };

const figures = (requests: number, closed: number, slaMetPercent: number | null, breached: number, median: number | null, p95: number | null) => ({
  requests,
  closed,
  slaMetPercent,
  breached,
  medianResolutionSeconds: median,
  p95ResolutionSeconds: p95,
});

const report = {
  from: '2026-11-07T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  totals: figures(4, 3, 66.7, 1, 7200, 16200),
  sites: [
    {
      siteId: 's-river',
      siteSlug: 'river-park',
      siteName: 'River Park',
      totals: figures(3, 3, 66.7, 1, 7200, 16200),
      categories: [
        { category: 'Lifts', serviceCode: 2001, department: null, ...figures(1, 1, 100, 0, 3600, 3600) },
        { category: 'maintenance', serviceCode: null, department: 'maintenance', ...figures(2, 2, 50, 1, 10_800, 17_640) },
      ],
    },
    { siteId: 's-old', siteSlug: 'old-town', siteName: 'Old Town', totals: figures(1, 0, null, 0, null, null), categories: [] },
  ],
};

let asked: URL[] = [];
function answer(body: unknown, status = 200) {
  asked = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    asked.push(new URL((input as Request).url));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('the Site SLA screen', () => {
  it('shows the headline and, per site, its totals and its categories as the API counts them, for the last 30 days', async () => {
    answer(report);
    await renderScreen(<SiteSla grafanaUrl="https://grafana.example.org/" />, { principal: siteManager });
    const table = await screen.findByTestId('site-sla');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => Array.from(r.children).map((c) => c.textContent));
    expect(rows).toEqual([
      ['River Park', '3', '3', '66.7 %', '1', '2 hrs 0 mins', '4 hrs 30 mins'],
      ['Lifts', '1', '1', '100 %', '0', '1 hr 0 mins', '1 hr 0 mins'],
      ['maintenance', '2', '2', '50 %', '1', '3 hrs 0 mins', '4 hrs 54 mins'],
      ['Old Town', '1', '0', '—', '0', '—', '—'],
    ]);
    expect(within(table).getByRole('link', { name: 'River Park' })).toHaveAttribute('href', '/sites/s-river');
    expect(screen.getByTestId('site-sla-headline').textContent).toContain('66.7 %');
    expect(screen.getByRole('link', { name: 'SLA by site in Grafana' })).toHaveAttribute('href', 'https://grafana.example.org/d/switchboard-sites-sla');
    const query = asked.find((u) => u.pathname === '/reports/sites-sla');
    expect(query).toBeDefined();
    const days = (Date.parse(query?.searchParams.get('to') ?? '') - Date.parse(query?.searchParams.get('from') ?? '')) / 86_400_000;
    expect(days).toBe(30);
  });

  it('shows one site (and one category) when Grafana links to it', async () => {
    answer(report);
    await renderScreen(<SiteSla />, { principal: siteManager, path: '/sites-sla', route: '/sites-sla?site=river-park&category=Lifts' });
    const table = await screen.findByTestId('site-sla');
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.firstChild?.textContent),
    ).toEqual(['River Park', 'Lifts']);
    expect(screen.getByRole('link', { name: 'All sites' })).toHaveAttribute('href', '/sites-sla');
  });

  it('speaks Russian', async () => {
    answer(report);
    await renderScreen(<SiteSla />, { principal: siteManager, lng: 'ru' });
    expect(await screen.findByRole('heading', { name: 'SLA по объектам' })).toBeInTheDocument();
    expect(await screen.findByRole('columnheader', { name: 'Объект / категория' })).toBeInTheDocument();
  });

  it('is forbidden to a help-desk operator', async () => {
    answer(report);
    await renderScreen(<SiteSla />, { principal: operator });
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
  });

  it('takes the range to the minute, so the query holds still while the screen is open', () => {
    expect(rangeOfDays(7, new Date('2026-12-07T03:28:45.123Z'))).toEqual({ from: '2026-11-30T03:28:00.000Z', to: '2026-12-07T03:28:00.000Z' });
  });
});
