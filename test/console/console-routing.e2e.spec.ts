import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Routing in real Chromium against `switchboard start`: a help-desk manager creates a rule on the
 * Routing screen (an unsafe pattern is refused on its field first), a Telegram contact that matches
 * it lands in the manager's department, and the request card names the rule.
 */

describe('the console’s routing screen in Chromium', () => {
  let session: ConsoleSession;
  let manager: Page;

  beforeAll(async () => {
    session = await startConsoleSession('console_routing', { TELEGRAM_WEBHOOK_SECRET: 'console-routing-secret' });
    manager = await session.signedIn('hd.manager.south');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('creates a routing rule, refusing an unsafe pattern on its field first', async () => {
    await manager.getByRole('link', { name: 'Routing' }).click();
    await manager.getByRole('heading', { name: 'Routing' }).waitFor({ timeout: STEP });
    await manager.getByText('No routing rules').waitFor({ timeout: STEP });
    await session.audit(manager, 'routing, empty');
    await manager.getByRole('button', { name: 'New rule' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Outage reports');
    await dialog.getByLabel('Keywords', { exact: true }).fill('outage');
    await dialog.getByLabel('Keywords', { exact: true }).press('Enter');
    await dialog.getByRole('textbox', { name: 'Pattern' }).fill('(a+)+$');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/A repeated group may not/).waitFor({ timeout: STEP });
    await session.audit(manager, 'routing rule form with a field error');
    await dialog.getByRole('textbox', { name: 'Pattern' }).fill('no (internet|signal)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await manager.locator('[data-testid=routing-rule-row]', { hasText: 'Outage reports' }).waitFor({ timeout: STEP });
    expect(await manager.locator('[data-testid=routing-rule-row]').first().innerText()).toContain('first-line-south');
    await session.audit(manager, 'routing with a rule');
    copyFileSync(await screenshot(manager, 'routing'), join(screenshotsDir, 'routing.png'));
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('routes a Telegram contact that matches into the manager’s department, and the card names the rule', async () => {
    const requestId = await session.telegram(880_001, 'Outage: no internet in the whole building', 8801);
    expect(requestId).not.toBe('');
    await manager.goto(`${session.consoleUrl}requests/${requestId}`);
    await manager.locator('[data-testid=routing-rule]', { hasText: 'Outage reports' }).waitFor({ timeout: STEP });
    expect(await manager.locator('[data-testid=request-card]').innerText()).toContain('first-line-south');
    await session.audit(manager, 'request card routed by a rule');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
