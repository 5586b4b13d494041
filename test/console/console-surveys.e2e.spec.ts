import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { passwordGrant } from '@switchboard/platform/testing';
import { missingTranslations, screenshot, screenshotsDir } from './browser';
import { STEP, startConsoleSession } from './console-session';
import type { ConsoleSession } from './console-session';

const IVAN = '7c1e0000-0000-4000-8000-000000000001';

/**
 * Surveys in real Chromium against `switchboard start`: a communications administrator writes a
 * questionnaire in the console, two surveys are sent by email and answered on the public page
 * (its JSON API), and the results screen shows each question's distribution with the counts as
 * text; the screens in Russian have every string translated.
 */
describe('the console’s surveys in Chromium', () => {
  let session: ConsoleSession;
  let token: string;

  const api = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${session.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };

  /** Sends the questionnaire to Ivan by email and answers it through the link's JSON API. */
  const sendAndAnswer = async (answers: { questionId: string; answer: Record<string, unknown> }[]) => {
    const sent = await api('POST', '/surveys', { questionnaireId: 'after-visit', clientId: IVAN, department: 'first-line-north', channel: 'email' });
    const card = await api('GET', `/communications/${String(sent.communicationId)}`);
    const link = /(\/public\/surveys\/\S+)/.exec(String(card.text))?.[1];
    expect(link).toBeDefined();
    const answered = await fetch(`${session.app.url}${String(link)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ answers, complete: true }),
    });
    expect(answered.status).toBe(200);
  };

  beforeAll(async () => {
    session = await startConsoleSession('console_surveys', { SURVEY_TOKEN_SECRET: 'console-surveys-e2e-secret-0123456789' });
    token = await passwordGrant(`${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`, 'switchboard-console', 'comms.admin', 'demo');
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('creates a questionnaire, and after two answered surveys shows every question’s distribution', async () => {
    const admin = await session.signedIn('comms.admin', 'en-GB');
    await admin.getByRole('link', { name: 'Surveys' }).click();
    await admin.getByRole('heading', { name: 'Surveys' }).waitFor({ timeout: STEP });
    await admin.locator('[data-questionnaire-id=csat]').waitFor({ timeout: STEP });
    await session.audit(admin, 'questionnaires');

    await admin.getByTestId('questionnaire-new').click();
    const form = admin.getByTestId('questionnaire-form');
    await form.getByTestId('questionnaire-save').click();
    await form.getByText('Required').first().waitFor({ timeout: STEP });
    await form.getByTestId('questionnaire-code').fill('after-visit');
    await form.getByTestId('questionnaire-name').fill('After a visit');
    await form.getByTestId('questionnaire-title-ru').fill('После визита');
    await form.getByTestId('questionnaire-title-en').fill('After your visit');
    await form.getByTestId('question-ru-0').fill('Оцените визит');
    await form.getByTestId('question-en-0').fill('Rate the visit');
    await form.getByTestId('question-add').click();
    await form.getByTestId('question-kind-1').click();
    await admin.getByRole('option', { name: 'Single choice' }).click();
    await form.getByTestId('question-ru-1').fill('Кто приходил?');
    await form.getByTestId('question-en-1').fill('Who came?');
    await form.getByTestId('option-ru-1-0').fill('Сантехник');
    await form.getByTestId('option-en-1-0').fill('Plumber');
    await form.getByTestId('option-ru-1-1').fill('Электрик');
    await form.getByTestId('option-en-1-1').fill('Electrician');
    await form.getByTestId('question-add').click();
    await form.getByTestId('question-kind-2').click();
    await admin.getByRole('option', { name: 'Free text' }).click();
    await form.getByTestId('question-ru-2').fill('Что улучшить?');
    await form.getByTestId('question-en-2').fill('What should we improve?');
    await session.audit(admin, 'new questionnaire');
    await form.getByTestId('questionnaire-save').click();
    const row = admin.locator('[data-questionnaire-id=after-visit]');
    await row.waitFor({ timeout: STEP });
    expect(await row.textContent()).toContain('Rating 1–5, Single choice, Free text');

    await sendAndAnswer([
      { questionId: 'q1', answer: { kind: 'rating', value: 5 } },
      { questionId: 'q2', answer: { kind: 'single', optionId: 'o1' } },
      { questionId: 'q3', answer: { kind: 'text', text: 'Come on time' } },
    ]);
    await sendAndAnswer([
      { questionId: 'q1', answer: { kind: 'rating', value: 2 } },
      { questionId: 'q2', answer: { kind: 'single', optionId: 'o1' } },
    ]);
    // The results are a projection: wait until it has both answers before reading the screen.
    for (let round = 0; round < 60; round++) {
      const results = await api('GET', '/surveys/questionnaires/after-visit/results');
      if (results.answered === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    await row.getByRole('link', { name: 'Results' }).click();
    const results = admin.getByTestId('survey-results');
    await results.waitFor({ timeout: STEP });
    expect(await admin.getByTestId('figure-sent').textContent()).toContain('2');
    expect(await admin.getByTestId('figure-answered').textContent()).toContain('2');
    expect(await admin.getByTestId('figure-rate').textContent()).toContain('100 %');
    expect(await admin.getByTestId('figure-csat').textContent()).toContain('50 %');
    const rating = admin.locator('[data-question-id=q1]');
    expect(await rating.getByTestId('survey-bar-count').allTextContents()).toEqual(['0 (0 %)', '1 (50 %)', '0 (0 %)', '0 (0 %)', '1 (50 %)']);
    const choice = admin.locator('[data-question-id=q2]');
    await choice.getByRole('progressbar', { name: 'Plumber: 2' }).waitFor({ timeout: STEP });
    await admin.getByTestId('free-text-answers').getByText('Come on time').waitFor({ timeout: STEP });
    await session.audit(admin, 'survey results');
    copyFileSync(await screenshot(admin, 'survey-results'), join(screenshotsDir, 'survey-results.png'));
    expect(await missingTranslations(admin)).toEqual([]);
  });

  it('speaks Russian to a Russian-speaking administrator', async () => {
    const admin = await session.signedIn('comms.admin', 'ru-RU');
    await admin.getByRole('link', { name: 'Опросы' }).click();
    await admin.getByRole('heading', { name: 'Опросы' }).waitFor({ timeout: STEP });
    const row = admin.locator('[data-questionnaire-id=after-visit]');
    await row.getByText('Оценка 1–5, Один вариант, Свободный ответ').waitFor({ timeout: STEP });
    await session.audit(admin, 'questionnaires in Russian');
    await row.getByRole('link', { name: 'Результаты' }).click();
    await admin.getByRole('heading', { name: 'Результаты: После визита' }).waitFor({ timeout: STEP });
    await admin.locator('[data-question-id=q2]').getByRole('progressbar', { name: 'Сантехник: 2' }).waitFor({ timeout: STEP });
    await session.audit(admin, 'survey results in Russian');
    expect(await missingTranslations(admin)).toEqual([]);
  });

  it('lets a manager send a survey from a request card, see the client’s answers there, and switch the department’s CSAT', async () => {
    const managerToken = await passwordGrant(
      `${session.app.url}/dev-idp/realms/switchboard/protocol/openid-connect/token`,
      'switchboard-console',
      'hd.manager.north',
      'demo',
    );
    const asManager = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
      const response = await fetch(`${session.app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const registered = await asManager('POST', '/requests', { subject: 'Leaking tap', clientId: IVAN, text: 'The tap in the kitchen leaks' });
    const requestId = String(registered.id);

    const manager = await session.signedIn('hd.manager.north', 'en-GB');
    await manager.goto(`${session.consoleUrl}requests/${requestId}?minPosition=${encodeURIComponent(String(registered.position))}`);
    await manager.getByTestId('request-card').waitFor({ timeout: STEP });
    await manager.getByTestId('request-send-survey').click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByTestId('survey-questionnaire').click();
    await manager.getByRole('option', { name: /After a visit/ }).click();
    await session.audit(manager, 'send a survey');
    await dialog.getByTestId('survey-send').click();
    const sent = dialog.getByTestId('survey-sent');
    await sent.waitFor({ timeout: STEP });
    const href = await sent.getByRole('link', { name: 'Open the communication' }).getAttribute('href');
    const communicationId = String(href).split('/').pop() ?? '';
    expect(communicationId).toMatch(/^[0-9a-f-]{36}$/);
    await dialog.getByTestId('survey-sent-close').click();

    const card = await asManager('GET', `/communications/${communicationId}`);
    const link = /(\/public\/surveys\/\S+)/.exec(String(card.text))?.[1];
    const answered = await fetch(`${session.app.url}${String(link)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        answers: [
          { questionId: 'q1', answer: { kind: 'rating', value: 1 } },
          { questionId: 'q2', answer: { kind: 'single', optionId: 'o2' } },
        ],
        complete: true,
      }),
    });
    expect(answered.status).toBe(200);
    for (let round = 0; round < 60; round++) {
      const listed = await asManager('GET', `/surveys/responses?requestId=${requestId}`);
      if ((listed.items as { completed: boolean }[])[0]?.completed) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await manager.reload();
    const surveys = manager.getByTestId('request-surveys');
    await surveys.waitFor({ timeout: STEP });
    expect(await surveys.getByTestId('request-survey-answer').allTextContents()).toEqual(['1', 'Electrician', 'No answer']);
    await session.audit(manager, 'request card with its survey');

    await manager.getByRole('link', { name: 'Communications', exact: true }).click();
    await manager.getByRole('link', { name: 'Communication settings' }).click();
    const setting = manager.getByTestId('survey-setting');
    await setting.waitFor({ timeout: STEP });
    await setting.getByLabel('Send a CSAT survey after a request closes').check();
    await setting.getByTestId('survey-setting-save').click();
    await manager.getByText('Last changed by hd.manager.north').waitFor({ timeout: STEP });
    expect(await asManager('GET', '/departments/first-line-north/survey-setting')).toMatchObject({ csatEnabled: true, questionnaireId: 'csat', version: 1 });
    await session.audit(manager, 'communication settings with CSAT');
    expect(await missingTranslations(manager)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens it visited', () => {
    expect(session.violations).toEqual(Object.fromEntries(Object.keys(session.violations).map((screen) => [screen, []])));
  });
});
