import type { Page } from 'playwright-core';
import { missingTranslations } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * Permissions as data (ADR 0031) in real Chromium against `switchboard start`: the access
 * administrator revokes routing.admin from help-desk managers on the Access screen and a manager
 * is refused the routing rules; a second admin's stale screen is told so instead of overwriting;
 * the permission is granted back and the manager works again; the role's history shows both.
 */
describe('the console’s access screen in Chromium', () => {
  let session: ConsoleSession;
  let admin: Page;
  let manager: Page;

  beforeAll(async () => {
    session = await startConsoleSession('console_access');
    admin = await session.signedIn('access.admin');
    manager = await session.signedIn('hd.manager.north');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  const routingScreen = async (expected: 'rules' | 'refused') => {
    // Each look is a fresh load; the API follows the mapping within its refresh (1 s) after the projection.
    for (let attempt = 0; attempt < 20; attempt++) {
      await manager.goto(`${session.consoleUrl}routing`);
      const refused = manager.getByRole('heading', { name: 'Not allowed' });
      const rules = manager.getByTestId('routing-rules').or(manager.getByText('No routing rules'));
      await refused.or(rules).first().waitFor({ timeout: STEP });
      if ((expected === 'refused') === (await refused.isVisible())) return;
      await manager.waitForTimeout(500);
    }
    throw new Error(`the routing screen never showed the rules ${expected === 'refused' ? 'refused' : 'listed'}`);
  };
  const column = (page: Page, role: string) => page.getByTestId(`access-role-${role}`);

  it('revokes a permission from a role, and that role’s user is refused', async () => {
    await routingScreen('rules');
    await admin.getByRole('link', { name: 'Access' }).click();
    await admin.getByRole('heading', { name: 'Access' }).waitFor({ timeout: STEP });
    await admin.getByText('Keeps the routing rules').waitFor({ timeout: STEP });
    await session.audit(admin, 'access matrix');
    // The one permission the API refuses to take away is not offered.
    expect(await admin.getByRole('checkbox', { name: 'Access administrator: access.admin' }).isDisabled()).toBe(true);
    const box = admin.getByRole('checkbox', { name: 'Help desk manager: routing.admin' });
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await admin.getByRole('button', { name: 'Save Help desk manager' }).click();
    await column(admin, 'HelpDeskManager').getByText('version 1').waitFor({ timeout: STEP });
    expect(await admin.getByRole('checkbox', { name: 'Help desk manager: routing.admin' }).isChecked()).toBe(false);
    await routingScreen('refused');
    expect(await missingTranslations(admin)).toEqual([]);
  });

  it('tells a second admin whose screen is stale, in Russian, and reloads instead of overwriting', async () => {
    const stale = await session.signedIn('access.admin', 'ru-RU');
    await stale.goto(`${session.consoleUrl}access`);
    await stale.getByText('Ведёт правила маршрутизации').waitFor({ timeout: STEP });
    // The first admin changes the role again while the second one looks at version 1.
    await admin.getByRole('checkbox', { name: 'Help desk manager: routing.admin' }).check();
    await admin.getByRole('button', { name: 'Save Help desk manager' }).click();
    await column(admin, 'HelpDeskManager').getByText('version 2').waitFor({ timeout: STEP });

    await stale.getByRole('checkbox', { name: 'Руководитель первой линии: sla.admin:department' }).uncheck();
    await stale.getByRole('button', { name: 'Сохранить роль «Руководитель первой линии»' }).click();
    await stale.getByTestId('conflict').waitFor({ timeout: STEP });
    await session.audit(stale, 'access matrix, stale');
    await stale.getByTestId('conflict').getByRole('button', { name: 'Обновить' }).click();
    await column(stale, 'HelpDeskManager').getByText('версия 2').waitFor({ timeout: STEP });
    expect(await stale.getByRole('checkbox', { name: 'Руководитель первой линии: sla.admin:department' }).isChecked()).toBe(true);
    expect(await stale.getByRole('checkbox', { name: 'Руководитель первой линии: routing.admin' }).isChecked()).toBe(true);
    expect(await missingTranslations(stale)).toEqual([]);
  });

  it('grants it back: the manager works with the routing rules again, and the history shows both changes', async () => {
    await routingScreen('rules');
    await admin.getByRole('button', { name: 'History of Help desk manager' }).click();
    const history = admin.getByTestId('access-history');
    await history.waitFor({ timeout: STEP });
    const rows = history.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('routing.admin');
    expect(await rows.nth(1).innerText()).toContain('routing.admin');
    // Who: a name, not the account's id (both changes were this administrator's).
    expect(await rows.nth(0).innerText()).toContain('You');
    expect(await rows.nth(0).innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await session.audit(admin, 'access history');
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
