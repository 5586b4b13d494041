import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Mailings in real Chromium against `switchboard start`: a help-desk manager writes a template,
 * creates a mailing with an audience, previews the text, starts it and watches it run to the end
 * on its card; the screens in Russian have every string translated.
 */

describe('the console’s mailings in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession('console_mailings');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('creates a mailing with an audience and a previewed template, starts it and sees it complete', async () => {
    const manager = await session.signedIn('hd.manager.north', 'en-GB');
    await manager.getByRole('link', { name: 'Templates' }).click();
    await manager.getByRole('heading', { name: 'Message templates' }).waitFor({ timeout: STEP });
    await manager.getByRole('button', { name: 'New template' }).click();
    const templateDialog = manager.getByRole('dialog');
    await templateDialog.getByLabel('Code').fill('planned-works');
    await templateDialog.getByLabel('Name', { exact: false }).first().fill('Planned works');
    await templateDialog.getByLabel('Text in Russian').fill('Плановые работы {{date}}.');
    await templateDialog.getByLabel('Text in English').fill('Planned works on {{date}}.');
    await templateDialog.getByRole('button', { name: 'Save' }).click();
    await manager.locator('[data-testid=communication-template-row]', { hasText: 'Planned works' }).waitFor({ timeout: STEP });

    await manager.getByRole('link', { name: 'Mailings' }).click();
    await manager.getByRole('heading', { name: 'Mailings' }).waitFor({ timeout: STEP });
    await manager.getByText('No mailings yet.').waitFor({ timeout: STEP });
    await session.audit(manager, 'mailings, empty');
    await manager.getByTestId('mailing-new').click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByTestId('mailing-name').fill('Works on Friday');
    await dialog.getByLabel('With an order').check();
    await dialog.getByTestId('mailing-template').click();
    await manager.getByRole('option', { name: 'Planned works' }).click();
    await dialog.getByLabel('{{date}}').fill('8 December');
    await dialog.getByTestId('mailing-preview').getByText('Плановые работы 8 December.').waitFor({ timeout: STEP });
    await dialog.getByTestId('mailing-preview').getByText('en', { exact: true }).click();
    await dialog.getByTestId('mailing-preview').getByText('Planned works on 8 December.').waitFor({ timeout: STEP });
    await session.audit(manager, 'new mailing');
    await dialog.getByTestId('mailing-submit').click();

    const card = manager.getByTestId('mailing-card');
    await card.getByRole('heading', { name: 'Works on Friday' }).waitFor({ timeout: STEP });
    await card.getByTestId('mailing-status').filter({ hasText: 'Draft' }).waitFor({ timeout: STEP });
    await card.getByTestId('mailing-start').click();
    await card.getByTestId('mailing-status').filter({ hasText: 'Completed' }).waitFor({ timeout: STEP });
    expect(await card.getByTestId('mailing-count-pending').textContent()).toBe('0');
    await session.audit(manager, 'mailing card');
    copyFileSync(await screenshot(manager, 'mailing-card'), join(screenshotsDir, 'mailings.png'));
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('speaks Russian to a Russian-speaking manager', async () => {
    const manager = await session.signedIn('hd.manager.north', 'ru-RU');
    await manager.getByRole('link', { name: 'Рассылки' }).click();
    await manager.getByRole('heading', { name: 'Рассылки' }).waitFor({ timeout: STEP });
    await manager.locator('[data-testid=mailing-table]', { hasText: 'Works on Friday' }).waitFor({ timeout: STEP });
    await manager.getByText('Завершена').first().waitFor({ timeout: STEP });
    await session.audit(manager, 'mailings in Russian');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
