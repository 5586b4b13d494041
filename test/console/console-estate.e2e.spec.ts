import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import { missingTranslations, renderMeasures, screenshot } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * The estate in real Chromium against `switchboard start` (dev IdP): a site manager goes from the
 * sites to a building's grid of 600 units (imported with `switchboard import units`), colours it by
 * open requests and by SLA, filters it by unit type, opens a unit's card and the client card of its
 * resident, which lists the client's units. The grid's render time is measured in the page and
 * reported; only correctness is asserted.
 */
const ENTRANCES = 6;
const FLOORS = 25;
const PER_FLOOR = 4;

describe('the console’s estate and building grid in Chromium', () => {
  let session: ConsoleSession;
  let scratch: string;
  const ids = {} as Record<'site' | 'building' | 'unit' | 'client' | 'request', string>;

  const token = (username: string) =>
    passwordGrant(`${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', username, 'demo');
  const api = async (username: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${session.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const operator = (username: string, locale: 'en-GB' | 'ru-RU' = 'en-GB') => session.signedIn(username, locale);
  const units = (page: Page) => page.locator('[data-testid=building-grid] [data-unit-id]');

  beforeAll(async () => {
    session = await startConsoleSession('console_estate', { DEMO_DATA: 'false' });
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-estate-'));

    ids.site = (await api('client.service', 'POST', '/sites', { slug: 'river-park', name: 'River Park', address: '1 River Street' })).id as string;
    // 600 units: shops on the ground floor, apartments above, from an accounting export.
    const lines = ['site,building,entrance,floor,number,type,area,rooms,residents'];
    let number = 0;
    for (let e = 1; e <= ENTRANCES; e++)
      for (let floor = 1; floor <= FLOORS; floor++)
        for (let u = 0; u < PER_FLOOR; u++) {
          number += 1;
          lines.push(
            `river-park,House 1,${e},${floor},${floor === 1 ? `R-${number}` : number},${floor === 1 ? 'retail' : 'apartment'},${40 + (number % 30)},${floor === 1 ? '' : 1 + (number % 3)},`,
          );
        }
    const file = join(scratch, 'house-1.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const cli = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['import', 'units', file],
      port: await freePort(),
      env: { DATABASE_URL: session.db.url },
    });
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('units: 600 created, 0 updated, 0 unchanged, 0 rejected');

    const [building] = (await api('client.service', 'GET', `/sites/${ids.site}/buildings`)).items as { id: string }[];
    ids.building = building.id;
    const grid = (await api('client.service', 'GET', `/sites/${ids.site}/buildings/${ids.building}/grid`)) as {
      cells: { units: { id: string; number: string }[] }[];
    };
    ids.unit = grid.cells.flatMap((c) => c.units).find((u) => u.number === '12')?.id ?? '';
    ids.client = (await api('hd.user.north', 'POST', '/clients', { firstName: 'Anna', lastName: 'Petrova', phone: '+7 916 555-01-02' })).id as string;
    await api('site.manager.river', 'POST', `/units/${ids.unit}/residents`, { clientId: ids.client, relation: 'owner', from: '2021-03-01' });
    ids.request = (await api('hd.user.north', 'POST', '/requests', { subject: 'Leaking tap in the bathroom', unitId: ids.unit })).id as string;
    for (let i = 0; i < 100; i++) {
      const card = (await api('site.manager.river', 'GET', `/units/${ids.unit}`)) as { requests: { open: unknown[] } };
      if (card.requests.open.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('goes from the sites to the grid of a 600-unit building and measures its render', async () => {
    const manager = await operator('site.manager.river');
    await manager.getByRole('link', { name: 'Sites' }).click();
    await manager.getByRole('link', { name: 'River Park' }).click({ timeout: STEP });
    await manager.getByRole('link', { name: /House 1/ }).click({ timeout: STEP });
    await manager.waitForURL(`**/sites/${ids.site}/buildings/${ids.building}`, { timeout: STEP });
    await units(manager).nth(599).waitFor({ timeout: STEP });
    expect(await units(manager).count()).toBe(600);
    expect(await manager.locator('[data-testid=building-grid] [role=columnheader]').allTextContents()).toEqual([
      'Floor',
      ...Array.from({ length: ENTRANCES }, (_, i) => `Entrance ${i + 1}`),
    ]);

    const mount = (await renderMeasures(manager, 'switchboard:grid:mount')).filter((m) => m.rows === 600);
    const arrival = (await renderMeasures(manager, 'switchboard:grid')).filter((m) => m.rows === 600);
    expect(mount.length + arrival.length).toBeGreaterThan(0);
    const ms = (list: { duration: number }[]) => list.map((m) => `${m.duration.toFixed(1)} ms`).join(', ') || 'none';
    process.stdout.write(
      `\nconsole: building grid of 600 units: first render and commit ${ms(mount)}; from the API's answer to the committed grid ${ms(arrival)} (headless Chromium, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)\n`,
    );

    // By open requests: the unit with one is marked, the others not; by SLA: on time.
    const unit12 = manager.locator('[data-testid=unit-12]');
    expect(await unit12.getAttribute('data-tone')).toBe('some');
    expect(await unit12.getAttribute('aria-label')).toBe('Apartment 12, floor 3, 1 open requests, SLA: on time, 1 residents');
    expect(await manager.locator('[data-testid=unit-13]').getAttribute('data-tone')).toBeNull();
    await manager.getByTestId('grid-colour-by').getByText('SLA').click();
    await manager.locator('[data-testid=unit-12][data-tone=calm]').waitFor({ timeout: STEP });
    await session.audit(manager, 'building grid');
    await screenshot(manager, 'building-grid');

    // Filter by unit type: the ground-floor shops only.
    await manager.getByTestId('grid-unit-type').click();
    await manager.getByRole('option', { name: 'Retail' }).click();
    await manager.getByTestId('grid-count').getByText('24 units').waitFor({ timeout: STEP });
    expect(await units(manager).count()).toBe(ENTRANCES * PER_FLOOR);
    expect(await missingTranslations(manager)).toEqual([]);
  }, 120_000);

  it('opens a unit’s card from its cell: its people and its open request; the client card lists the client’s units', async () => {
    const manager = await operator('site.manager.river', 'ru-RU');
    await manager.goto(`${session.consoleUrl}sites/${ids.site}/buildings/${ids.building}`);
    await manager.getByRole('heading', { name: 'Шахматка: House 1' }).waitFor({ timeout: STEP });
    await manager.locator('[data-testid=unit-12]').click();
    await manager.waitForURL(`**/units/${ids.unit}`, { timeout: STEP });
    await manager.getByTestId('unit-card').waitFor({ timeout: STEP });
    await manager.getByRole('heading', { level: 2, name: 'Квартира 12' }).waitFor({ timeout: STEP });
    expect(await manager.getByTestId('unit-people').textContent()).toContain('Petrova Anna');
    expect(await manager.getByTestId('unit-people').textContent()).toContain('Собственник');
    expect(await manager.getByTestId('unit-open-requests').textContent()).toContain('Leaking tap in the bathroom');
    await session.audit(manager, 'unit card');

    await manager.getByRole('link', { name: 'Petrova Anna' }).click();
    await manager.waitForURL(`**/clients/${ids.client}`, { timeout: STEP });
    await manager.getByTestId('client-units').waitFor({ timeout: STEP });
    expect(await manager.getByTestId('client-units').textContent()).toContain('River Park, House 1, Квартира 12');
    expect(await missingTranslations(manager)).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
