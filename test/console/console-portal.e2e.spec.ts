import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

/** A phone in portrait: the portal is mobile first. */
const phone = { width: 390, height: 844 };
/** A 1×1 PNG: a real image, so the preview and the thumbnails render. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * The residents' portal in real Chromium on a phone-sized screen (ADR 0030): a resident signs in
 * and lands on the portal, submits a request for one of her units with a photo, sees it in her
 * list; an operator answers through the API and sees the photo on the request card; the resident
 * reads the answer and replies; the office closes the request and the resident rates it (the
 * closure's CSAT survey, answered in the portal). Then the portal in Russian: nothing untranslated, no serious axe
 * violations.
 */
describe('the residents’ portal in Chromium', () => {
  let session: ConsoleSession;

  const token = (username: string) =>
    passwordGrant(`${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', username, 'demo');
  const api = async (username: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${session.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(username)}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect([method, path, response.status < 300]).toEqual([method, path, true]);
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    session = await startConsoleSession('console_portal', { DEMO_ESTATE: 'true' });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('lets a resident submit a request with a photo, follow the answer and reply, in English and Russian', async () => {
    const anna = await session.signedIn('resident.anna', 'en-GB', phone);
    await anna.getByRole('heading', { name: 'My requests' }).waitFor({ timeout: STEP });
    expect(new URL(anna.url()).pathname).toBe('/console/portal');
    await anna.getByText('No requests yet.').waitFor({ timeout: STEP });
    await session.audit(anna, 'portal requests');

    await anna.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name: 'New request' }).click();
    await anna.getByRole('heading', { name: 'New request' }).waitFor({ timeout: STEP });
    await anna.getByTestId('unit-picker').click();
    await anna.getByRole('option', { name: 'River Park, Building 2, 45' }).click();
    await anna.getByTestId('request-text').fill('Water drips from the bathroom ceiling');
    await anna.locator('input[type=file]').setInputFiles({ name: 'ceiling.png', mimeType: 'image/png', buffer: png });
    await anna.getByTestId('photo-preview').waitFor({ timeout: STEP });
    await session.audit(anna, 'portal new request');
    await screenshot(anna, 'portal-new-request');
    await anna.getByRole('button', { name: 'Send request' }).click();

    await anna.getByRole('heading', { name: 'River Park, Building 2, 45: Water drips from the bathroom ceiling' }).waitFor({ timeout: STEP });
    const requestId = /\/portal\/requests\/([0-9a-f-]{36})/.exec(anna.url())?.[1] ?? '';
    expect(requestId).not.toBe('');
    await anna.getByTestId('attachment-photo').waitFor({ timeout: STEP });

    await anna.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name: 'My requests' }).click();
    await anna.getByTestId('portal-request').filter({ hasText: 'Water drips' }).getByText('New', { exact: true }).waitFor({ timeout: STEP });
    expect(await anna.getByTestId('portal-request').count()).toBe(1);

    // The management office answers (through the API) and sees the photo on its request card.
    const card = await api('hd.manager.north', 'GET', `/requests/${requestId}`);
    await api(
      'hd.manager.north',
      'POST',
      `/requests/${requestId}/reply`,
      { text: 'A plumber comes at 3 pm.' },
      {
        'idempotency-key': randomUUID(),
        'if-match': `"${String(card.revision)}"`,
      },
    );
    const operator = await session.signedIn('hd.manager.north');
    await operator.goto(`${session.consoleUrl}requests/${requestId}`);
    await operator.getByTestId('attachment-photo').waitFor({ timeout: STEP });

    await anna.getByTestId('portal-request').filter({ hasText: 'Water drips' }).getByRole('link').click();
    await anna.getByText('A plumber comes at 3 pm.').waitFor({ timeout: STEP });
    await anna.getByTestId('answer-text').fill('Thank you, I will be at home.');
    await anna.getByRole('button', { name: 'Send', exact: true }).click();
    await anna.locator('li[data-kind=inbound]', { hasText: 'Thank you, I will be at home.' }).waitFor({ timeout: STEP });
    await session.audit(anna, 'portal request');
    const shot = await screenshot(anna, 'portal-request');

    await anna.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name: 'Passes' }).click();
    await anna.getByRole('heading', { name: 'Visitor passes' }).waitFor({ timeout: STEP });
    await session.audit(anna, 'portal passes');
    expect(await missingTranslations(anna)).toEqual([]);

    // The office closes the request (its department collects CSAT), and Anna rates the work: 4 stars, once.
    await api('hd.manager.north', 'PUT', '/departments/first-line-north/survey-setting', { csatEnabled: true, questionnaireId: 'csat' }, { 'if-match': '"0"' });
    let replied = card;
    for (let i = 0; i < 50 && (replied.conversation as unknown[]).length < 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      replied = await api('hd.manager.north', 'GET', `/requests/${requestId}`);
    }
    await api(
      'hd.manager.north',
      'POST',
      `/requests/${requestId}/close`,
      { reason: 'The plumber fixed the pipe.' },
      { 'idempotency-key': randomUUID(), 'if-match': `"${String(replied.revision)}"` },
    );
    await anna.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name: 'My requests' }).click();
    await anna.getByTestId('portal-request').filter({ hasText: 'Water drips' }).getByRole('link').click();
    const rating = anna.getByTestId('rating-form');
    await rating.waitFor({ timeout: STEP });
    await rating.getByRole('radio', { name: '4 stars' }).focus();
    await anna.keyboard.press('Enter');
    await session.audit(anna, 'portal rating');
    await screenshot(anna, 'portal-rating');
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await anna.getByTestId('rating-done').getByText('Thank you for your rating').waitFor({ timeout: STEP });
    await anna.getByTestId('rating-done').getByText('4 stars').waitFor({ timeout: STEP });
    const surveys = await api('hd.manager.north', 'GET', `/surveys/responses?requestId=${requestId}`);
    expect(surveys.items).toEqual([expect.objectContaining({ answers: { csat: { kind: 'rating', value: 4 } }, completed: true })]);

    expect(await missingTranslations(anna)).toEqual([]);

    // Russian: every string of the portal translated, on every screen.
    const ru = await session.signedIn('resident.anna', 'ru-RU', phone);
    await ru.getByRole('heading', { name: 'Мои заявки' }).waitFor({ timeout: STEP });
    await ru.getByTestId('portal-request').first().waitFor({ timeout: STEP });
    await ru.getByTestId('portal-request').first().getByRole('link').click();
    await ru.getByText('A plumber comes at 3 pm.').waitFor({ timeout: STEP });
    await session.audit(ru, 'portal request (ru)');
    for (const [link, heading] of [
      ['Новая заявка', 'Новая заявка'],
      ['Пропуска', 'Пропуска для гостей'],
      ['Объявления', 'Объявления дома'],
    ]) {
      await ru.getByRole('navigation', { name: 'Разделы кабинета' }).getByRole('link', { name: link }).click();
      await ru.getByRole('heading', { name: heading }).waitFor({ timeout: STEP });
    }
    await session.audit(ru, 'portal notices (ru)');
    expect(await missingTranslations(ru)).toEqual([]);

    expect(session.violations).toEqual({
      'portal requests': [],
      'portal new request': [],
      'portal request': [],
      'portal rating': [],
      'portal passes': [],
      'portal request (ru)': [],
      'portal notices (ru)': [],
    });
    copyFileSync(shot, join(screenshotsDir, 'portal.png'));
  });
});
