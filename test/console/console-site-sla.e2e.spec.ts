import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * The Site SLA screen in real Chromium against `switchboard start` (dev IdP): two sites with
 * requests registered for their units under a one-minute first-response SLA policy, some answered
 * in time (closed at once), some left to breach. A site manager of River Park sees River Park's
 * figures and nothing of Old Town; head office sees both sites and the grand total; the figures are
 * the ones seeded; the screen switches to Russian.
 */
interface Figures {
  requests: number;
  closed: number;
  breached: number;
}

describe('the console’s Site SLA screen in Chromium', () => {
  let session: ConsoleSession;

  const token = (username: string) =>
    passwordGrant(`${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', username, 'demo');
  const api = async (username: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${session.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  /** Polls head office's report until `done` holds: the read model and the SLA timers follow the events. */
  const reportUntil = async (done: (totals: Figures) => boolean, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { totals } = (await api('client.service', 'GET', '/reports/sites-sla')) as { totals: Figures };
      if (done(totals)) return totals;
      if (Date.now() > until) throw new Error(`the site SLA report did not get there: ${JSON.stringify(totals)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const unitIn = async (site: { slug: string; name: string }, building: string, numbers: string[]) => {
    const siteId = (await api('client.service', 'POST', '/sites', site)).id as string;
    const buildingId = (await api('client.service', 'POST', `/sites/${siteId}/buildings`, { name: building })).id as string;
    const entranceId = (await api('client.service', 'POST', `/sites/${siteId}/buildings/${buildingId}/entrances`, { number: '1' })).id as string;
    const units: string[] = [];
    for (const [i, number] of numbers.entries())
      units.push(
        (await api('client.service', 'POST', `/sites/${siteId}/buildings/${buildingId}/units`, { entranceId, number, type: 'apartment', floor: 2 + i }))
          .id as string,
      );
    return units;
  };
  const register = async (subject: string, unitId: string) => (await api('hd.user.north', 'POST', '/requests', { subject, unitId })).id as string;
  const close = (requestId: string) => api('hd.user.north', 'POST', `/requests/${requestId}/close`, { reason: 'fixed' });

  /** Each headline figure as "label: value". */
  const headline = async (page: Page) =>
    (await page.locator('[data-testid=site-sla-headline] > *').allInnerTexts()).map((text) =>
      text
        .trim()
        .split(/\s*\n+\s*/)
        .join(': '),
    );
  /** The table's rows, each as its cells' texts (site rows first cell the site, category rows the category). */
  const rows = async (page: Page) => {
    const out: string[][] = [];
    for (const row of await page.locator('[data-testid=site-sla] tbody tr').all()) out.push((await row.locator('th, td').allInnerTexts()).map((t) => t.trim()));
    return out;
  };
  const openFromSites = async (page: Page, sites: string, title: string) => {
    await page.getByRole('link', { name: sites }).click();
    await page.getByRole('link', { name: title }).click({ timeout: STEP });
    await page.getByRole('heading', { name: title }).waitFor({ timeout: STEP });
    await page.getByTestId('site-sla').waitFor({ timeout: STEP });
  };
  const DURATION = /^\d+ mins?$/;

  beforeAll(async () => {
    session = await startConsoleSession('console_site_sla', { DEMO_DATA: 'false', SLA_TIMER_POLL_MS: '500' });
    // Every request of the intake department gets a one-minute first response.
    await api('hd.manager.north', 'POST', '/sla-policies', {
      name: 'Estate, one-minute response',
      scope: { kind: 'department', department: 'first-line-north' },
      calendar: { kind: '24x7' },
      targets: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 1, resolutionMinutes: 60 }])),
    });
    const [river12, river14] = await unitIn({ slug: 'river-park', name: 'River Park' }, 'House 1', ['12', '14']);
    const [town3] = await unitIn({ slug: 'old-town', name: 'Old Town' }, 'Tower A', ['3']);

    // River Park: one closed in time, one left open, one closed after its breach. Old Town: one closed in time, one left open.
    const riverOnTime = await register('Leaking tap', river12);
    await register('Door bell broken', river14);
    const riverLate = await register('No hot water', river12);
    const townOnTime = await register('Lift stuck', town3);
    await register('Broken window', town3);
    await close(riverOnTime);
    await close(townOnTime);
    await reportUntil((t) => t.requests === 5 && t.closed === 2, 30_000);
    // A minute after registration the three unanswered ones breach their first response.
    await reportUntil((t) => t.breached === 3, 120_000);
    await close(riverLate);
    await reportUntil((t) => t.closed === 3, 30_000);
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  it('shows a site manager their site’s figures and nothing of another site', async () => {
    const manager = await session.signedIn('site.manager.river');
    await openFromSites(manager, 'Sites', 'Site SLA');
    expect(await headline(manager)).toEqual(['Requests: 3', 'SLA met: 50 %', 'Breached: 2', expect.stringMatching(/^Median resolution: \d+ mins?$/)]);
    const table = await rows(manager);
    expect(table.map((cells) => cells.slice(0, 5))).toEqual([
      ['River Park', '3', '2', '50 %', '2'],
      ['first-line-north', '3', '2', '50 %', '2'],
    ]);
    for (const cells of table) for (const time of cells.slice(5)) expect(time).toMatch(DURATION);
    expect(await manager.locator('body').innerText()).not.toContain('Old Town');
    await session.audit(manager, 'site SLA (site manager)');

    // Asking for another site by its slug, as Grafana's links do, shows none of its figures.
    await manager.goto(`${session.consoleUrl}sites-sla?site=old-town`);
    await manager.getByText('No sites you cover.').waitFor({ timeout: STEP });
    expect(await manager.locator('body').innerText()).not.toContain('Old Town');
    expect(await missingTranslations(manager)).toEqual([]);
  }, 120_000);

  it('shows head office every site and the grand total, then the same in Russian', async () => {
    const office = await session.signedIn('client.service');
    await openFromSites(office, 'Sites', 'Site SLA');
    expect(await headline(office)).toEqual(['Requests: 5', 'SLA met: 66.7 %', 'Breached: 3', expect.stringMatching(/^Median resolution: \d+ mins?$/)]);
    const table = await rows(office);
    expect(table.map((cells) => cells.slice(0, 5))).toEqual([
      ['Old Town', '2', '1', '100 %', '1'],
      ['first-line-north', '2', '1', '100 %', '1'],
      ['River Park', '3', '2', '50 %', '2'],
      ['first-line-north', '3', '2', '50 %', '2'],
    ]);
    await session.audit(office, 'site SLA (head office)');
    copyFileSync(await screenshot(office, 'site-sla'), join(screenshotsDir, 'site-sla.png'));

    await office.getByText('RU', { exact: true }).click();
    await office.getByRole('heading', { name: 'SLA по объектам' }).waitFor({ timeout: STEP });
    expect(await office.getAttribute('html', 'lang')).toBe('ru');
    expect(await office.locator('[data-testid=site-sla] thead th').allInnerTexts()).toEqual([
      'Объект / категория',
      'Заявки',
      'Закрыто',
      'SLA соблюдён',
      'Нарушено',
      'Медиана решения',
      '95-й перцентиль решения',
    ]);
    expect((await headline(office)).slice(0, 3)).toEqual(['Заявки: 5', 'SLA соблюдён: 66,7 %', 'Нарушено: 3']);
    await office.getByText('Последние 30 дней').waitFor({ timeout: STEP });
    await session.audit(office, 'site SLA (head office, ru)');
    expect(await missingTranslations(office)).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
