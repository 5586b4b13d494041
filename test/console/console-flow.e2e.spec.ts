import { createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LocalBotApi } from '@switchboard/channel-telegram/testing';
import { createTestDatabase, freePort, passwordGrant, startAppProcess } from '@switchboard/platform/testing';
import type { AppProcess, TestDatabase } from '@switchboard/platform/testing';
import { launchBrowser, missingTranslations, newOperatorContext, renderMeasures, screenshot, screenshotsDir, seriousViolations, signIn } from './browser';

/**
 * The console in real Chromium against `switchboard start` (dev IdP): a Telegram contact travels
 * from the manager's queue through the agent and L3 to CLOSED; scoping, a conflict between two
 * operators, a screen-pop of a ringing call registered as a request, both languages, axe on every
 * screen, screenshots, and the 50-row render time.
 */
const botToken = '123456789:AAE-console-test-token-for-local-bot-api';
const webhookSecret = 'console-telegram-secret';
const phoneSecret = 'console-pbx-webhook-secret';
const STEP = 30_000;

describe('the operator console in Chromium', () => {
  const botApi = new LocalBotApi();
  let db: TestDatabase;
  let app: AppProcess;
  let browser: Browser;
  let consoleUrl: string;
  const accessibility: Record<string, string[]> = {};
  let updateId = 990_000;

  const telegram = async (chatId: number, text: string) => {
    updateId += 1;
    const update = {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Ivan' },
        from: { id: chatId, is_bot: false, first_name: 'Ivan' },
        text,
      },
    };
    const response = await fetch(`${app.url}/channels/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhookSecret },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  };

  /** A call event from the PBX, signed as the phone webhook wants. */
  const phone = async (event: 'ringing' | 'answered' | 'hangup', callId: string, extra: object = {}) => {
    const body = JSON.stringify({ callId, event, from: '8 (916) 123-45-67', to: '+74950000000', at: new Date().toISOString(), ...extra });
    const signature = `sha256=${createHmac('sha256', phoneSecret).update(body).digest('hex')}`;
    const response = await fetch(`${app.url}/channels/phone/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body,
    });
    expect(response.status).toBe(200);
  };

  /** Picks someone from the user directory in the open dialog's assignee picker. */
  const pickAssignee = async (page: Page, name: string) => {
    await dialog(page).getByLabel('Assignee').click();
    await dialog(page).getByLabel('Assignee').fill(name);
    await page.getByRole('option', { name: new RegExp(name) }).click();
  };

  /** axe on the screen as it is; every screen is checked, the results are asserted at the end. */
  const audit = async (page: Page, screen: string) => {
    const violations = await seriousViolations(page);
    accessibility[screen] = violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  };

  const contexts: BrowserContext[] = [];
  const operator = async (username: string, locale: 'en-GB' | 'ru-RU' = 'en-GB') => {
    const context = await newOperatorContext(browser, locale);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, consoleUrl, username);
    return page;
  };

  const openFromQueue = async (page: Page, text: string) => {
    const link = page.getByRole('link', { name: text }).first();
    await link.waitFor({ timeout: STEP });
    await link.click();
  };

  const waitForState = async (page: Page, card: 'request-card' | 'incident-card', state: string) => {
    try {
      await page.locator(`[data-testid=${card}][data-state=${state}]`).waitFor({ timeout: STEP });
    } catch (error) {
      // Say what the screen said instead (a refused command shows its problem).
      const alerts = await page
        .getByRole('alert')
        .allInnerTexts()
        .catch(() => []);
      const now = await page
        .locator(`[data-testid=${card}]`)
        .getAttribute('data-state')
        .catch(() => null);
      throw new Error(`${card} never became ${state} (it is ${now}); alerts: ${JSON.stringify(alerts)}\n${(error as Error).message}`);
    }
  };

  const dialog = (page: Page) => page.getByRole('dialog');

  /** A screenshot once the "done" notifications have gone. */
  const picture = async (page: Page, name: string) => {
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: STEP });
    await screenshot(page, name);
  };

  beforeAll(async () => {
    db = await createTestDatabase('console_e2e');
    await botApi.start();
    const port = await freePort();
    app = startAppProcess({
      entry: 'dist/apps/switchboard/src/main.js',
      args: ['start'],
      port,
      env: {
        DATABASE_URL: db.url,
        DEMO_DATA: 'true',
        TELEGRAM_WEBHOOK_SECRET: webhookSecret,
        TELEGRAM_BOT_TOKEN: botToken,
        TELEGRAM_API_ROOT: botApi.url,
        PHONE_WEBHOOK_SECRET: phoneSecret,
        OUTBOX_RETRY_BASE_MS: '50',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
    await app.waitForOutput(/Switchboard switchboard is ready/, 120_000);
    consoleUrl = `${app.url}/console/`;
    expect(app.output()).toContain(`Console:    http://127.0.0.1:${port}/console/`);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await botApi.stop();
    await db?.drop();
  });

  let requestId = '';

  it('takes a Telegram contact through the manager, the agent and L3 to CLOSED', async () => {
    const sign = await newOperatorContext(browser);
    const signInPage = await sign.newPage();
    await signInPage.goto(consoleUrl);
    await signInPage.getByTestId('sign-in').waitFor();
    await audit(signInPage, 'sign-in');
    await signInPage.getByTestId('sign-in').click();
    await signInPage.locator('#username').waitFor();
    await audit(signInPage, 'dev IdP login form');
    await sign.close();

    await telegram(7001, 'Internet drops every evening since Monday');
    const manager = await operator('hd.manager.north');
    await manager.getByRole('heading', { name: 'Department requests' }).waitFor();
    await openFromQueue(manager, 'Internet drops every evening since Monday');
    await manager.goBack();
    await manager.getByRole('link', { name: 'Internet drops every evening since Monday' }).waitFor();
    await audit(manager, 'queue');
    await picture(manager, 'queue');
    await openFromQueue(manager, 'Internet drops every evening since Monday');
    await waitForState(manager, 'request-card', 'NEW');
    requestId = manager.url().split('/requests/')[1];
    await manager.locator('[data-action=assign]').click();
    await pickAssignee(manager, 'Anna Volkova');
    await audit(manager, 'assign dialog');
    await dialog(manager).getByRole('button', { name: 'Assign', exact: true }).click();
    await waitForState(manager, 'request-card', 'IN_PROGRESS');

    const agent = await operator('hd.user.north');
    await agent.getByRole('heading', { name: 'My requests' }).waitFor();
    await openFromQueue(agent, 'Internet drops every evening since Monday');
    await waitForState(agent, 'request-card', 'IN_PROGRESS');
    await agent.getByLabel('Reply to the client').fill('We see drops on your line and are escalating to the network team.');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.getByText('We see drops on your line and are escalating to the network team.').waitFor({ timeout: STEP });
    await agent.getByText('Sent', { exact: true }).waitFor({ timeout: STEP });
    expect(botApi.sentTo(7001).map((m) => (m.body as { text: string }).text)).toContain('We see drops on your line and are escalating to the network team.');
    await agent.locator('[data-action=escalate]').click();
    await dialog(agent).getByLabel('Service').click();
    await agent.getByRole('option', { name: /1001 · Home internet/ }).click();
    await dialog(agent).getByLabel('Summary for L3').fill('Drops every evening since Monday; the line test is clean.');
    await audit(agent, 'escalate dialog');
    await dialog(agent).getByRole('button', { name: 'Escalate' }).click();
    await waitForState(agent, 'request-card', 'ESCALATED');
    await agent.getByRole('link', { name: 'Home internet' }).waitFor({ timeout: STEP });
    await audit(agent, 'request card');
    await picture(agent, 'request-card');

    const l3Manager = await operator('l3.manager.network');
    await l3Manager.getByRole('heading', { name: 'Work group incidents' }).waitFor();
    await openFromQueue(l3Manager, 'Home internet');
    await waitForState(l3Manager, 'incident-card', 'NEW');
    await l3Manager.locator('[data-action=assign]').click();
    await pickAssignee(l3Manager, 'Maxim Popov');
    await dialog(l3Manager).getByRole('button', { name: 'Assign', exact: true }).click();
    await waitForState(l3Manager, 'incident-card', 'ASSIGNED');
    await l3Manager.getByRole('link', { name: 'Team load' }).click();
    await l3Manager.getByTestId('team-load-incidents').waitFor({ timeout: STEP });
    await audit(l3Manager, 'team load');

    const engineer = await operator('l3.user.network');
    await engineer.getByRole('heading', { name: 'My incidents' }).waitFor();
    await openFromQueue(engineer, 'Home internet');
    await waitForState(engineer, 'incident-card', 'ASSIGNED');
    await engineer.getByRole('list', { name: 'Conversation' }).getByText('Internet drops every evening since Monday').waitFor({ timeout: STEP });
    await engineer.getByTestId('escalation-summary').getByText('Drops every evening since Monday; the line test is clean.').waitFor({ timeout: STEP });
    await engineer.locator('[data-action=start]').click();
    await waitForState(engineer, 'incident-card', 'IN_WORK');
    await engineer.locator('[data-action=hold]').click();
    await dialog(engineer).getByLabel('Why is it on hold?').fill('Waiting for the field team to check the cabinet');
    await dialog(engineer).getByRole('button', { name: 'Put on hold' }).click();
    await waitForState(engineer, 'incident-card', 'ON_HOLD');
    await engineer.locator('[data-action=resume]').click();
    await waitForState(engineer, 'incident-card', 'IN_WORK');
    await engineer.locator('[data-action=narrative]').click();
    await dialog(engineer).getByLabel('What was done').fill('Replaced the faulty port in the street cabinet; line stable for 2 hours.');
    await dialog(engineer).getByRole('button', { name: 'Add narrative' }).click();
    await engineer.getByText('Replaced the faulty port in the street cabinet; line stable for 2 hours.').waitFor({ timeout: STEP });
    await engineer.locator('[data-action=resolve]').click();
    await dialog(engineer).getByLabel('Resolution').fill('Faulty cabinet port replaced');
    await dialog(engineer).getByRole('button', { name: 'Resolve' }).click();
    await waitForState(engineer, 'incident-card', 'RESOLVED');
    await audit(engineer, 'incident card');
    await picture(engineer, 'incident-card');
    await engineer.locator('[data-action=close]').click();
    await waitForState(engineer, 'incident-card', 'CLOSED');

    // The incident's closing closes the request (a process manager): the agent's card follows by itself.
    await waitForState(agent, 'request-card', 'CLOSED');
    const history = agent.getByTestId('status-history');
    await history.getByText('Escalated → Closed').waitFor({ timeout: STEP });
    expect(await history.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining('New'),
      expect.stringContaining('New → In progress'),
      expect.stringContaining('In progress → Escalated'),
      expect.stringContaining('Escalated → Closed'),
    ]);
  }, 300_000);

  it('never shows a south operator the north request, and a direct link answers "not found"', async () => {
    const south = await operator('hd.user.south');
    await south.getByRole('heading', { name: 'My requests' }).waitFor();
    await south.getByText('No requests match.').waitFor({ timeout: STEP });
    await south.goto(`${consoleUrl}requests/${requestId}`);
    await south.getByTestId('not-found').waitFor({ timeout: STEP });
    await audit(south, 'not found');
    const southManager = await operator('hd.manager.south');
    await southManager.getByRole('heading', { name: 'Department requests' }).waitFor();
    await southManager.getByRole('combobox', { name: 'State' }).waitFor();
    expect(await southManager.getByRole('link', { name: 'Internet drops every evening since Monday' }).count()).toBe(0);
  }, 120_000);

  it('shows the second of two operators editing one request that it changed, and lets them recover', async () => {
    await telegram(7002, 'Wrong tariff on my last invoice');
    const first = await operator('hd.manager.north');
    const second = await operator('hd.manager.north');
    await openFromQueue(first, 'Wrong tariff on my last invoice');
    await waitForState(first, 'request-card', 'NEW');
    await second.goto(first.url());
    await waitForState(second, 'request-card', 'NEW');

    // The second operator starts closing the request…
    await second.locator('[data-action=close]').click();
    await dialog(second).getByLabel('Reason').fill('Duplicate of the phone call');
    // …while the first assigns it; the second card's live refresh sees it, the open dialog keeps what was decided on.
    await first.locator('[data-action=assign]').click();
    await pickAssignee(first, 'Pavel Lebedev');
    await dialog(first).getByRole('button', { name: 'Assign', exact: true }).click();
    await waitForState(first, 'request-card', 'IN_PROGRESS');
    await second.waitForTimeout(6_000);
    await dialog(second).getByRole('button', { name: 'Close', exact: true }).click();

    const conflict = second.getByTestId('conflict');
    await conflict.waitFor({ timeout: STEP });
    expect(await conflict.innerText()).toContain('Changed by someone else');
    expect(await conflict.innerText()).toContain('it is now In progress');
    await audit(second, 'conflict');
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await waitForState(second, 'request-card', 'IN_PROGRESS');
    await second.getByTestId('conflict').waitFor({ state: 'detached' });
    await second.locator('[data-action=close]').click();
    await dialog(second).getByLabel('Reason').fill('Duplicate of the phone call');
    await dialog(second).getByRole('button', { name: 'Close', exact: true }).click();
    await waitForState(second, 'request-card', 'CLOSED');
  }, 180_000);

  it('pops a call ringing for the operator up with the caller and the client, and registers a request from it', async () => {
    const page = await operator('hd.user.north');
    await page.locator('[data-testid=operator-events][data-state=open]').waitFor({ state: 'attached', timeout: STEP });
    const callId = `pbx-console-${Date.now()}`;
    await phone('ringing', callId, { agent: 'hd.user.north' });
    const pop = page.locator(`[data-testid=screen-pop][data-call-id="${callId}"]`);
    await pop.waitFor({ timeout: STEP });
    expect(await pop.innerText()).toContain('Call from +79161234567');
    await audit(page, 'screen-pop');
    await pop.getByRole('link', { name: 'Petrov Ivan Sergeevich' }).click();
    await page.getByTestId('client-card').waitFor({ timeout: STEP });
    // Still ringing: the PBX has not said the operator took it, so there is nothing to register yet.
    await pop.getByRole('button', { name: 'Register a request from this call' }).click();
    await pop.getByText(/Take the call first/).waitFor({ timeout: STEP });
    await phone('answered', callId, { agent: 'hd.user.north' });
    await pop.getByRole('button', { name: 'Register a request from this call' }).click();
    await waitForState(page, 'request-card', 'IN_PROGRESS');
    await page
      .getByRole('list', { name: 'Conversation' })
      .getByText(/Call from \+79161234567, taken by hd.user.north/)
      .waitFor({ timeout: STEP });
    await pop.waitFor({ state: 'detached' });
    expect(await page.getByTestId('request-card').getByRole('link', { name: 'Petrov Ivan Sergeevich' }).count()).toBe(1);
  }, 120_000);

  it('renders the queue and the card in Russian and in English without a missing key', async () => {
    await telegram(7003, 'Не работает интернет');
    const page = await operator('hd.manager.north', 'ru-RU');
    await page.getByRole('heading', { name: 'Обращения отдела' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await openFromQueue(page, 'Не работает интернет');
    await page.getByRole('heading', { name: 'Переписка' }).waitFor();
    await page.getByText('Новое', { exact: true }).first().waitFor();
    await audit(page, 'request card (ru)');
    expect(await missingTranslations(page)).toEqual([]);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'My work' }).click();
    await page.getByRole('heading', { name: 'Department requests' }).waitFor();
    await page.getByText('RU', { exact: true }).click();
    await page.getByRole('heading', { name: 'Обращения отдела' }).waitFor();
    await page.getByRole('link', { name: 'Клиенты' }).click();
    await page.getByRole('heading', { name: 'Клиенты' }).waitFor();
    expect(await missingTranslations(page)).toEqual([]);
  }, 120_000);

  it('finds, opens and edits a client with field-level errors, and adds an order', async () => {
    const page = await operator('hd.user.north');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Petrov');
    await page.getByRole('link', { name: /Petrov Ivan/ }).click();
    await page.getByTestId('client-card').waitFor();
    await audit(page, 'client card');
    await page.getByRole('button', { name: 'Edit client' }).click();
    await dialog(page).getByLabel('Phone').fill('12');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await dialog(page).locator('[aria-invalid=true]').first().waitFor({ timeout: STEP });
    await audit(page, 'client form with errors');
    await dialog(page).getByLabel('Phone').fill('+79161234567');
    await dialog(page).getByLabel('Email').fill('ivan.petrov@example.org');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'ivan.petrov@example.org', exact: true }).waitFor({ timeout: STEP });
    // The card's change history has the edit, field by field, with who made it.
    await page.getByTestId('client-history').getByText('Email: ivan.petrov@example.com → ivan.petrov@example.org').waitFor({ timeout: STEP });
    await page.getByRole('button', { name: 'New order' }).click();
    await dialog(page).getByLabel('Code').fill('ORD-E2E-1');
    await dialog(page).getByLabel('Name').fill('Router rental');
    await dialog(page).getByLabel('Cost').fill('99.90');
    await dialog(page).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Router rental', exact: true }).waitFor({ timeout: STEP });
    await page.getByRole('link', { name: 'Clients' }).click();
    await audit(page, 'clients');
  }, 120_000);

  it('renders a page of 50 queue rows (measured, printed, not asserted)', async () => {
    // One page in the browser, as an operator has it.
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    const token = await passwordGrant(`${app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', 'hd.manager.north', 'demo');
    let last: { position?: string } = {};
    for (let i = 1; i <= 50; i++) {
      const response = await fetch(`${app.url}/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `console-e2e-load-${i}-${Date.now()}` },
        body: JSON.stringify({ subject: `Load test request ${i}`, text: 'Checking how a full page renders' }),
      });
      expect(response.status).toBe(202);
      last = (await response.json()) as { position?: string };
    }
    await fetch(`${app.url}/requests?limit=1&minPosition=${encodeURIComponent(String(last.position))}`, { headers: { authorization: `Bearer ${token}` } });
    const page = await operator('hd.manager.north');
    await page.locator('[data-testid=request-table] tbody tr').nth(49).waitFor({ timeout: STEP });
    const mount = (await renderMeasures(page, 'switchboard:request-rows:mount')).filter((m) => m.rows === 50);
    const arrival = (await renderMeasures(page, 'switchboard:request-rows')).filter((m) => m.rows === 50);
    expect(mount.length + arrival.length).toBeGreaterThan(0);
    const ms = (list: { duration: number }[]) => list.map((m) => `${m.duration.toFixed(1)} ms`).join(', ') || 'none';
    process.stdout.write(
      `\nconsole: 50 queue rows: first render and commit ${ms(mount)}; from the API's answer to the committed rows ${ms(arrival)} (headless Chromium, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)\n`,
    );
    await screenshot(page, 'queue-50-rows');
  }, 180_000);

  it('has no serious or critical accessibility violation on any screen (axe-core)', () => {
    process.stdout.write(`\nconsole: axe-core checked ${Object.keys(accessibility).length} screens: ${Object.keys(accessibility).join(', ')}\n`);
    expect(Object.keys(accessibility).length).toBeGreaterThanOrEqual(12);
    expect(accessibility).toEqual(Object.fromEntries(Object.keys(accessibility).map((k) => [k, []])));
  });

  it('keeps the screenshots of the queue, the request card and the incident card in docs/screenshots', () => {
    mkdirSync(screenshotsDir, { recursive: true });
    for (const name of ['queue', 'request-card', 'incident-card'])
      copyFileSync(join(__dirname, '../../test-output/console', `${name}.png`), join(screenshotsDir, `${name}.png`));
  });
});
