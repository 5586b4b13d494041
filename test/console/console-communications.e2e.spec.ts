import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

const IVAN = '7c1e0000-0000-4000-8000-000000000001';

/**
 * Communications in real Chromium against `switchboard start`: a help-desk manager books a
 * communication to a client for tomorrow, finds it booked in the list, cancels it on its card (the
 * history says booked, then cancelled), sets the department's preferred channels, and opts the
 * client out of marketing on the client card.
 */
describe('the console’s communications screens in Chromium', () => {
  let session: ConsoleSession;
  let manager: Page;

  beforeAll(async () => {
    session = await startConsoleSession('console_communications');
    manager = await session.signedIn('hd.manager.north');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('books a communication for tomorrow, lists it as booked, and cancels it on its card', async () => {
    await manager.getByRole('link', { name: 'Communications', exact: true }).click();
    await manager.getByRole('heading', { name: 'Communications', level: 2 }).waitFor({ timeout: STEP });
    await manager.getByTestId('communication-send').click();
    await manager.getByTestId('send-client').fill(IVAN);
    await manager.getByTestId('send-text').fill('Planned works tomorrow night');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await manager.getByTestId('send-at').fill(local);
    await manager.getByTestId('send-submit').click();
    await manager.getByText(/Book: done/).waitFor({ timeout: STEP });
    const row = manager.locator('[data-testid=communication-table] tr', { hasText: 'Planned works tomorrow night' });
    for (let i = 0; i < 20 && (await row.count()) === 0; i++) {
      await manager.waitForTimeout(300);
      await manager.reload();
    }
    await row.locator('[data-status=BOOKED]').waitFor({ timeout: STEP });
    await session.audit(manager, 'communications list');
    copyFileSync(await screenshot(manager, 'communications'), join(screenshotsDir, 'communications.png'));
    await row.getByRole('link').click();
    await manager.getByTestId('communication-card').waitFor({ timeout: STEP });
    await session.audit(manager, 'communication card');
    await manager.getByTestId('communication-cancel').click();
    await manager.getByText(/Cancel communication: done/).waitFor({ timeout: STEP });
    await manager.locator('[data-testid=communication-card] [data-status=CANCELLED]').waitFor({ timeout: STEP });
    const history = await manager.getByTestId('communication-history').innerText();
    expect(history).toMatch(/Requested[\s\S]*Booked[\s\S]*Cancelled/);
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('sets the department’s preferred channels and opts a client out of marketing', async () => {
    await manager.getByRole('link', { name: 'Communications', exact: true }).click();
    await manager.getByRole('link', { name: 'Communication settings' }).click();
    await manager.getByTestId('department-policies').waitFor({ timeout: STEP });
    // Not searchable: MultiSelect hides its input field; its pills box is what opens the list.
    await manager.locator('[data-testid=department-policies] .mantine-MultiSelect-input').click();
    await manager.getByRole('option', { name: 'Email' }).click();
    await manager.keyboard.press('Escape');
    await manager.getByTestId('preference-save').click();
    await manager.getByText(/Save settings: done/).waitFor({ timeout: STEP });
    await session.audit(manager, 'communication settings');

    await manager.goto(`${session.consoleUrl}clients/${IVAN}`);
    await manager.getByTestId('client-availability').waitFor({ timeout: STEP });
    await manager.getByTestId('availability-marketing').check();
    await manager.getByTestId('availability-save').click();
    await manager.getByText(/Save availability: done/).waitFor({ timeout: STEP });
    await manager.locator('[data-testid=availability-changes]', { hasText: 'hd.manager.north' }).waitFor({ timeout: STEP });
    await session.audit(manager, 'client availability');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
