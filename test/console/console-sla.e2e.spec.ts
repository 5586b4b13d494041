import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Live SLA in real Chromium against `switchboard start`: a help-desk manager keeps an SLA policy
 * with a one-minute first response on the SLA screen; a Telegram contact's request shows an SLA
 * badge with the time left in the queue, and, unanswered, the badge turns to "breached" on its own.
 */

describe('the console’s live SLA in Chromium', () => {
  let session: ConsoleSession;
  let manager: Page;

  beforeAll(async () => {
    session = await startConsoleSession('console_sla', { TELEGRAM_WEBHOOK_SECRET: 'console-sla-secret', SLA_TIMER_POLL_MS: '500' });
    manager = await session.signedIn('hd.manager.north');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('keeps an SLA policy with a one-minute first response for the intake department', async () => {
    await manager.getByRole('link', { name: 'SLA' }).click();
    await manager.getByRole('heading', { name: 'SLA policies' }).waitFor({ timeout: STEP });
    await manager.getByText('No SLA policies yet').waitFor({ timeout: STEP });
    await manager.getByRole('button', { name: 'New policy' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Name').fill('North, around the clock');
    await dialog.getByLabel('P3 First response, min').fill('1');
    await dialog.getByLabel('P3 Resolution, min').fill('60');
    await dialog.getByLabel('P1 First response, min').fill('1');
    await dialog.getByLabel('P1 Resolution, min').fill('30');
    await session.audit(manager, 'SLA policy form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = manager.locator('[data-testid=sla-policy-row]', { hasText: 'North, around the clock' });
    await row.waitFor({ timeout: STEP });
    expect(await row.innerText()).toContain('first-line-north');
    await session.audit(manager, 'SLA policies');
    copyFileSync(await screenshot(manager, 'sla-policies'), join(screenshotsDir, 'sla-policies.png'));
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('shows the time left in the queue, and the badge turns to breached when the first response is late', async () => {
    const requestId = await session.telegram(990_001, 'My internet has been down since morning', 9901);
    expect(requestId).not.toBe('');
    await manager.goto(`${session.consoleUrl}requests?sort=dueAt`);
    const badge = manager.locator(`[data-request-id="${requestId}"] [data-sla]`);
    await badge.waitFor({ timeout: STEP });
    expect(['ok', 'warning']).toContain(await badge.getAttribute('data-sla'));
    expect(await badge.innerText()).toMatch(/\d+ min.* left/i);
    await session.audit(manager, 'queue with SLA badges');
    // One minute after registration, unanswered: the badge turns on its own (a 15 s tick), and the card says which target.
    await manager.locator(`[data-request-id="${requestId}"] [data-sla=breached]`).waitFor({ timeout: 100_000 });
    copyFileSync(await screenshot(manager, 'sla-queue'), join(screenshotsDir, 'sla-queue.png'));
    await manager.goto(`${session.consoleUrl}requests/${requestId}`);
    const card = manager.locator('[data-testid=sla-badges]');
    await card.waitFor({ timeout: STEP });
    expect(await card.innerText()).toMatch(/first response: sla breached/i);
    await session.audit(manager, 'request card with a breached SLA');
    expect(await missingTranslations(manager)).toEqual([]);
  }, 180_000);

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
