import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Message templates in real Chromium against `switchboard start`: a help-desk manager writes a
 * template in Russian and English and previews it live, the missing variable named until it is
 * filled in; a manager whose console speaks Russian sees the screen in Russian.
 */

describe('the console’s message templates screen in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession('console_templates');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('creates a template and previews it live in both languages, naming a missing variable', async () => {
    const manager = await session.signedIn('hd.manager.north', 'en-GB');
    await manager.getByRole('link', { name: 'Templates' }).click();
    await manager.getByRole('heading', { name: 'Message templates' }).waitFor({ timeout: STEP });
    await manager.getByText('No templates yet.').waitFor({ timeout: STEP });
    await session.audit(manager, 'templates, empty');
    await manager.getByRole('button', { name: 'New template' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Code').fill('request-closed');
    await dialog.getByLabel('Name', { exact: false }).first().fill('Request closed');
    await dialog.getByLabel('Text in Russian').fill('Здравствуйте, {{name}}! Заявка {{number}} закрыта.');
    await dialog.getByLabel('Text in English').fill('Hello {{name}}, request {{number}} is closed.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await manager.locator('[data-testid=communication-template-row]', { hasText: 'Request closed' }).waitFor({ timeout: STEP });
    const preview = manager.getByTestId('template-preview');
    await preview.getByTestId('template-preview-problem').filter({ hasText: '{{name}}' }).waitFor({ timeout: STEP });
    await preview.getByLabel('name').fill('Пётр');
    await preview.getByLabel('number').fill('42');
    await preview.getByTestId('template-preview-text').filter({ hasText: 'Здравствуйте, Пётр! Заявка 42 закрыта.' }).waitFor({ timeout: STEP });
    await preview.getByText('English').click();
    await preview.getByTestId('template-preview-text').filter({ hasText: 'Hello Пётр, request 42 is closed.' }).waitFor({ timeout: STEP });
    await session.audit(manager, 'templates with a preview');
    copyFileSync(await screenshot(manager, 'communication-templates'), join(screenshotsDir, 'communication-templates.png'));
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('speaks Russian to a Russian-speaking manager', async () => {
    const manager = await session.signedIn('hd.manager.south', 'ru-RU');
    await manager.getByRole('link', { name: 'Шаблоны' }).click();
    await manager.getByRole('heading', { name: 'Шаблоны сообщений' }).waitFor({ timeout: STEP });
    await manager.locator('[data-testid=communication-template-row]', { hasText: 'Request closed' }).waitFor({ timeout: STEP });
    await manager.getByTestId('template-preview').getByText('Предпросмотр').waitFor({ timeout: STEP });
    await session.audit(manager, 'templates in Russian');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
