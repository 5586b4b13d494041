import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Problems in real Chromium against `switchboard start`: a help-desk manager opens a problem by
 * hand, selects two reports of the outage in the request queue and links them to it ("link to
 * problem"), closes the problem from its card, and the requests close with it; the request card
 * names its problem.
 */

describe('the console’s problems screens in Chromium', () => {
  let session: ConsoleSession;
  let manager: Page;
  const requestIds: string[] = [];

  beforeAll(async () => {
    session = await startConsoleSession('console_problems', { TELEGRAM_WEBHOOK_SECRET: 'console-problems-secret' });
    requestIds.push(await session.telegram(990_001, 'No internet at all since 9:00', 9901));
    requestIds.push(await session.telegram(990_002, 'Internet is down in our street', 9902));
    manager = await session.signedIn('hd.manager.north');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('sets a service’s own threshold and opens a problem by hand', async () => {
    await manager.getByRole('link', { name: 'Problems' }).click();
    await manager.getByRole('heading', { name: 'Problems', exact: true }).waitFor({ timeout: STEP });
    await manager.getByText('No problems').waitFor({ timeout: STEP });
    await manager.getByText('By default: 10 incidents of one service within 15 minutes.', { exact: false }).waitFor({ timeout: STEP });
    const thresholds = manager.getByRole('region', { name: 'When a problem opens by itself' });
    await thresholds.getByLabel('Service').click();
    await manager.getByRole('option', { name: /1001 · Home internet/ }).click();
    await thresholds.getByLabel('Incidents').fill('3');
    await thresholds.getByLabel('Within minutes').fill('5');
    await thresholds.getByRole('button', { name: 'Set for the service' }).click();
    await manager.locator('[data-testid=problem-thresholds] tbody tr', { hasText: '1001' }).waitFor({ timeout: STEP });
    await session.audit(manager, 'problems, empty, with a threshold');
    await manager.getByRole('button', { name: 'Open problem' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Service').click();
    await manager.getByRole('option', { name: /1001 · Home internet/ }).click();
    await dialog.getByLabel('Title').fill('Fibre cut in the north');
    await session.audit(manager, 'open problem dialog');
    await dialog.getByRole('button', { name: 'Open problem' }).click();
    await manager.locator('[data-testid=problem-card][data-state=OPEN]').waitFor({ timeout: STEP });
    await manager.getByRole('heading', { name: 'Fibre cut in the north' }).waitFor({ timeout: STEP });
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('links the selected reports in the request queue to the problem', async () => {
    await manager.goto(`${session.consoleUrl}requests`);
    for (const id of requestIds) await manager.locator(`tr[data-request-id="${id}"]`).waitFor({ timeout: STEP });
    for (const id of requestIds) await manager.locator(`tr[data-request-id="${id}"]`).getByRole('checkbox').check();
    await manager.getByRole('button', { name: 'Link to problem (2)' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Problem').click();
    await manager.getByRole('option', { name: /Fibre cut in the north/ }).click();
    await session.audit(manager, 'link to problem dialog');
    await dialog.getByRole('button', { name: 'Link', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: STEP });
    await manager.getByRole('link', { name: 'Problems' }).click();
    await manager.getByRole('link', { name: 'Fibre cut in the north' }).click();
    await manager.locator('[data-testid=problem-requests] tbody tr').nth(1).waitFor({ timeout: STEP });
    await session.audit(manager, 'problem card');
    copyFileSync(await screenshot(manager, 'problem-card'), join(screenshotsDir, 'problem-card.png'));
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('closes the problem from its card, and its requests close with it and name it', async () => {
    await manager.getByRole('button', { name: 'Close problem' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Resolution').fill('Fibre spliced at the north exchange');
    await dialog.locator('[data-testid=confirm-problem-command]').click();
    await manager.locator('[data-testid=problem-card][data-state=CLOSED]').waitFor({ timeout: STEP });
    await manager.locator('[data-testid=problem-requests] [data-state=CLOSED]').nth(1).waitFor({ timeout: STEP });
    await manager.goto(`${session.consoleUrl}requests/${requestIds[0]}`);
    await manager.locator('[data-testid=request-card]').waitFor({ timeout: STEP });
    await manager.locator('[data-testid=problem-of]', { hasText: 'Fibre cut in the north' }).waitFor({ timeout: STEP });
    await session.audit(manager, 'request card with its problem');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
