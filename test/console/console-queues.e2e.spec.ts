import type { Page } from 'playwright-core';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/**
 * The queues in real Chromium against `switchboard start` (dev IdP): "Take next" takes the most
 * urgent request, "Take" on a card claims one, the second operator taking the same request sees the
 * conflict, and a manager sets a priority the list filters by.
 */

describe('the console’s queues in Chromium', () => {
  let session: ConsoleSession;
  const ids: Record<'oldest' | 'urgent' | 'contested', string> = { oldest: '', urgent: '', contested: '' };

  const api = async (username: string, path: string, body: unknown) => {
    const token = await passwordGrant(`${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', username, 'demo');
    const response = await fetch(`${session.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${path} → ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const operator = (username: string, locale: 'en-GB' | 'ru-RU' = 'en-GB') => session.signedIn(username, locale);
  const cardState = (page: Page, state: string) => page.locator(`[data-testid=request-card][data-state=${state}]`).waitFor({ timeout: STEP });

  beforeAll(async () => {
    session = await startConsoleSession('console_queues');
    // A manager registers requests without taking them: the north department's queue.
    ids.oldest = (await api('hd.manager.north', '/requests', { subject: 'Queue: modem lights are off' })).id as string;
    ids.urgent = (await api('hd.manager.north', '/requests', { subject: 'Queue: the whole street is offline' })).id as string;
    ids.contested = (await api('hd.manager.north', '/requests', { subject: 'Queue: contested request' })).id as string;
    await api('hd.manager.north', `/requests/${ids.urgent}/priority`, { priority: 'P1' });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('takes the most urgent request with "Take next" and opens its card', async () => {
    const agent = await operator('hd.user.north');
    await agent.getByRole('heading', { name: 'My requests' }).waitFor({ timeout: STEP });
    await session.audit(agent, 'queue with take next');
    await agent.locator('[data-action=take-next]').click();
    await agent.waitForURL(`**/requests/${ids.urgent}**`, { timeout: STEP });
    await cardState(agent, 'IN_PROGRESS');
    await agent.locator('[data-testid=request-card] [data-priority=P1]').waitFor({ timeout: STEP });
    expect(await missingTranslations(agent)).toEqual([]);
  });

  it('tells an operator, while their console is open, that a manager assigned them a request', async () => {
    const agent = await operator('hd.user.north2');
    await agent.getByRole('heading', { name: 'My requests' }).waitFor({ timeout: STEP });
    // The console opens its event stream with a ticket once signed in; give it a moment to subscribe.
    await agent.waitForTimeout(1_000);
    const assigned = (await api('hd.manager.north', '/requests', { subject: 'Queue: assigned by the manager' })).id as string;
    await api('hd.manager.north', `/requests/${assigned}/assign`, { assigneeId: 'hd.user.north2' });
    await agent.getByText('A request was assigned to you. Click to open it.').click({ timeout: STEP });
    await agent.waitForURL(`**/requests/${assigned}`, { timeout: STEP });
    await cardState(agent, 'IN_PROGRESS');
  });

  it('lets one of two operators take the same request; the other sees the conflict and takes the next', async () => {
    const first = await operator('hd.user.north2');
    const second = await operator('hd.user.north', 'ru-RU');
    for (const page of [first, second]) {
      await page.goto(`${session.consoleUrl}requests/${ids.contested}`);
      await page.locator('[data-action=take]').waitFor({ timeout: STEP });
    }
    await session.audit(first, 'request card with take');
    await first.locator('[data-action=take]').click();
    await cardState(first, 'IN_PROGRESS');
    await second.locator('[data-action=take]').click();
    await second.getByTestId('conflict').waitFor({ timeout: STEP });
    await session.audit(second, 'request card after a lost take (ru)');
    expect(await missingTranslations(second)).toEqual([]);
    await second.goto(session.consoleUrl);
    await second.locator('[data-action=take-next]').click();
    await second.waitForURL(`**/requests/${ids.oldest}**`, { timeout: STEP });
    await cardState(second, 'IN_PROGRESS');
    // Nothing left in the north queue.
    await second.goto(session.consoleUrl);
    await second.locator('[data-action=take-next]').click();
    await second.getByText('Брать нечего: очередь пуста.').waitFor({ timeout: STEP });
  });

  it('lets a manager set a priority on the card, and filters the list by it', async () => {
    const manager = await operator('hd.manager.north');
    await manager.goto(`${session.consoleUrl}requests/${ids.contested}`);
    await cardState(manager, 'IN_PROGRESS');
    await manager.getByTestId('priority-select').click();
    await manager.getByRole('option', { name: /P2/ }).click();
    await manager.locator('[data-testid=request-card] [data-priority=P2]').waitFor({ timeout: STEP });
    await session.audit(manager, 'request card with priority');
    await manager.goto(`${session.consoleUrl}requests?priority=P2`);
    const rows = manager.locator('[data-testid=request-table] tbody tr');
    await manager.locator(`[data-request-id="${ids.contested}"]`).waitFor({ timeout: STEP });
    expect(await rows.count()).toBe(1);
    await session.audit(manager, 'list filtered by priority');
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
