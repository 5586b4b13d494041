import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Presence and automatic assignment in real Chromium against `switchboard start`: an operator
 * switches to "Available" in the header, the manager sees it on the Automatic assignment screen,
 * switches round robin on with a limit, and the next request goes to the operator, the card's
 * history saying "assigned by round robin".
 */

describe('the console’s presence switch and automatic assignment screen in Chromium', () => {
  let session: ConsoleSession;
  let operator: Page;
  let manager: Page;

  beforeAll(async () => {
    session = await startConsoleSession('console_auto_assignment');
    operator = await session.signedIn('hd.user.north');
    manager = await session.signedIn('hd.manager.north');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('lets an operator switch to available in the header, and it holds over a reload', async () => {
    const presence = operator.getByRole('switch', { name: 'Presence' });
    await operator.locator('[data-testid=presence-switch][data-status=away]').waitFor({ timeout: STEP });
    expect(await presence.isChecked()).toBe(false);
    await presence.click({ force: true });
    await operator.locator('[data-testid=presence-switch][data-status=available]').waitFor({ timeout: STEP });
    await operator.reload();
    await operator.locator('[data-testid=presence-switch][data-status=available]').waitFor({ timeout: STEP });
    expect(await operator.getByRole('switch', { name: 'Presence' }).isChecked()).toBe(true);
    await session.audit(operator, 'header with presence');
  });

  it('lets the manager switch round robin on with a limit, seeing who is available', async () => {
    await manager.getByRole('link', { name: 'Automatic assignment' }).click();
    await manager.getByRole('heading', { name: 'Automatic assignment', level: 2 }).waitFor({ timeout: STEP });
    const north = manager.locator('[data-testid=auto-assignment-scope][data-scope="department:first-line-north"]');
    await north.waitFor({ timeout: STEP });
    await north.locator('[data-testid=auto-assignment-team] [data-presence=available]').first().waitFor({ timeout: STEP });
    await session.audit(manager, 'automatic assignment, off');
    await north.getByText('Round robin', { exact: true }).click();
    await north.getByLabel('Open items per operator').fill('5');
    await north.getByTestId('auto-assignment-save').click();
    await manager.getByText(/Save automatic assignment: done/).waitFor({ timeout: STEP });
    await north.locator('.mantine-Badge-root', { hasText: 'Round robin' }).waitFor({ timeout: STEP });
    await session.audit(manager, 'automatic assignment, round robin');
    copyFileSync(await screenshot(manager, 'auto-assignment'), join(screenshotsDir, 'auto-assignment.png'));
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('hands the next request to the available operator; its history says how', async () => {
    const token = await passwordGrant(
      `${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`,
      'switchboard-console',
      'hd.manager.north',
      'demo',
    );
    const response = await fetch(`${session.app.url}/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ subject: 'Handed out by round robin' }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await manager.goto(`${session.consoleUrl}requests/${id}`);
    const line = manager.locator('[data-testid=status-history] [data-assigned-by=round-robin]');
    // The card does not poll its history: reload until the process manager's assignment is in it.
    for (let i = 0; i < 20; i++) {
      await manager.locator('[data-testid=status-history]').waitFor({ timeout: STEP });
      if ((await line.count()) > 0) break;
      await manager.waitForTimeout(500);
      await manager.reload();
    }
    await line.waitFor({ timeout: STEP });
    expect(await line.innerText()).toContain('assigned by round robin');
    await session.audit(manager, 'request card assigned by round robin');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
