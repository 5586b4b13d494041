import type { Page } from 'playwright-core';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Site staff and technicians in real Chromium against `switchboard start` (dev IdP; ADR 0032): a
 * site manager finds a request of their site in "My work" and gives it to a technician of the site
 * from the picker; the technician finds it in "My requests" and may work it but not hand it on; a
 * client manager reads the requests of their sites, in Russian; a dispatcher finds them from the desk.
 */
describe('the console for site staff and technicians in Chromium', () => {
  let session: ConsoleSession;
  const ids = {} as Record<'site' | 'unit' | 'request', string>;

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
  const dialog = (page: Page) => page.getByRole('dialog');
  const openFromQueue = async (page: Page, text: string) => {
    const link = page.getByRole('link', { name: text }).first();
    await link.waitFor({ timeout: STEP });
    await link.click();
  };
  const waitForState = (page: Page, state: string) => page.locator(`[data-testid=request-card][data-state=${state}]`).waitFor({ timeout: STEP });

  beforeAll(async () => {
    session = await startConsoleSession('console_site_roles', { DEMO_DATA: 'false' });
    ids.site = (await api('client.service', 'POST', '/sites', { slug: 'river-park', name: 'River Park' })).id as string;
    const building = (await api('client.service', 'POST', `/sites/${ids.site}/buildings`, { name: 'House 1' })).id as string;
    const entrance = (await api('client.service', 'POST', `/sites/${ids.site}/buildings/${building}/entrances`, { number: '1' })).id as string;
    ids.unit = (
      await api('client.service', 'POST', `/sites/${ids.site}/buildings/${building}/units`, { entranceId: entrance, number: '12', type: 'apartment', floor: 3 })
    ).id as string;
    // The central dispatcher takes a call and registers it for the unit.
    ids.request = (await api('dispatcher.central', 'POST', '/requests', { subject: 'Radiator cold in the bedroom', unitId: ids.unit })).id as string;
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it('lets a site manager give a request of their site to its technician, who then works it', async () => {
    const manager = await session.signedIn('site.manager.river');
    await manager.getByRole('heading', { name: 'Requests of my sites' }).waitFor({ timeout: STEP });
    await openFromQueue(manager, 'Radiator cold in the bedroom');
    await waitForState(manager, 'NEW');
    await manager.locator('[data-action=assign]').click();
    await dialog(manager).getByLabel('Assignee').click();
    await dialog(manager).getByLabel('Assignee').fill('Stepanov');
    await manager.getByRole('option', { name: /technician\.river/ }).click();
    await session.audit(manager, 'assign to a technician');
    await dialog(manager).getByRole('button', { name: 'Assign', exact: true }).click();
    await waitForState(manager, 'IN_PROGRESS');
    expect(await missingTranslations(manager)).toEqual([]);

    const technician = await session.signedIn('technician.river');
    await technician.getByRole('tab', { name: 'My requests' }).waitFor({ timeout: STEP });
    expect(await technician.getByRole('tab').allInnerTexts()).toEqual(['My requests', 'Unassigned on my sites']);
    await session.audit(technician, 'technician my work');
    await openFromQueue(technician, 'Radiator cold in the bedroom');
    await waitForState(technician, 'IN_PROGRESS');
    expect(await technician.locator('[data-action=close]').count()).toBe(1);
    expect(await technician.locator('[data-action=assign]').count()).toBe(0);
    expect(await missingTranslations(technician)).toEqual([]);
  }, 120_000);

  it('shows a client manager the requests of their sites, in Russian', async () => {
    const clientManager = await session.signedIn('client.manager.river', 'ru-RU');
    await clientManager.getByRole('heading', { name: 'Обращения моих объектов' }).waitFor({ timeout: STEP });
    await clientManager.getByRole('link', { name: 'Radiator cold in the bedroom' }).waitFor({ timeout: STEP });
    await session.audit(clientManager, 'client manager my work');
    expect(await missingTranslations(clientManager)).toEqual([]);
  }, 120_000);

  it('gives a dispatcher, who starts at the desk, a link to the requests of their sites', async () => {
    const dispatcher = await session.signedIn('dispatcher.central');
    await dispatcher.getByRole('link', { name: 'Site requests' }).click({ timeout: STEP });
    await dispatcher.getByRole('link', { name: 'Radiator cold in the bedroom' }).waitFor({ timeout: STEP });
    await session.audit(dispatcher, 'dispatcher site requests');
    expect(await missingTranslations(dispatcher)).toEqual([]);
  }, 120_000);

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
