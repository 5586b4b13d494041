import { signSurveyToken } from '@switchboard/communications';
import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

const IVAN = '7c1e0000-0000-4000-8000-000000000001';
const SECRET = 'surveys-e2e-secret-0123456789abcdef';

/**
 * The surveys API through the all-in-one app: questionnaires administered by CommunicationsAdmin
 * only (403 otherwise, 409 stale, 422 invalid), a survey sent by email and answered on the public
 * page through its signed link (single use: 410 after; a forged link 404, an expired one 410), the
 * results for admins and the department's managers (403 for operators), the CSAT setting.
 */
describe('surveys API', () => {
  let api: OperatorApi;

  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => api.call('comms.admin', method, path, body, headers);
  const t = (en: string) => ({ ru: `ru ${en}`, en });
  const questionnaire = {
    id: 'after-visit',
    name: 'After the visit',
    title: t('After your visit'),
    questions: [
      { id: 'score', kind: 'rating', text: t('How did we do?') },
      { id: 'nps', kind: 'nps', text: t('Would you recommend us?') },
      { id: 'comment', kind: 'text', text: t('Anything else?') },
    ],
  };

  beforeAll(async () => {
    api = await startOperatorApi('surveys_api', { SURVEY_TOKEN_SECRET: SECRET });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('lets only CommunicationsAdmin write questionnaires: versions on edit, stale edits refused, problems named', async () => {
    const seeded = await api.ok('hd.user.north', 'GET', '/surveys/questionnaires');
    expect((seeded.items as { id: string }[]).map((q) => q.id)).toContain('csat');
    expect((await api.call('hd.manager.north', 'POST', '/surveys/questionnaires', questionnaire)).status).toBe(403);
    const created = await admin('POST', '/surveys/questionnaires', questionnaire);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect((await admin('POST', '/surveys/questionnaires', questionnaire)).status).toBe(409);
    const invalid = await admin('POST', '/surveys/questionnaires', {
      ...questionnaire,
      id: 'broken',
      questions: [{ id: 'pick', kind: 'single', text: t('Pick one'), options: [{ id: 'a', text: t('A') }] }],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ rule: 'invalid', errors: [{ field: 'questions.0.options', message: '2 to 9 options' }] });
    const { id: _, ...draft } = questionnaire;
    expect((await admin('PUT', '/surveys/questionnaires/after-visit', draft, { 'if-match': '"5"' })).status).toBe(409);
    expect((await admin('PUT', '/surveys/questionnaires/after-visit', draft, { 'if-match': '"1"' })).body).toMatchObject({ version: 2 });
    expect((await api.call('hd.manager.north', 'POST', '/surveys/questionnaires/after-visit/status', { status: 'blocked' })).status).toBe(403);
  });

  it('sends a survey by email whose link opens the public page once: answered, then 410; forged 404, expired 410', async () => {
    expect(
      (await api.call('hd.user.north', 'POST', '/surveys', { questionnaireId: 'after-visit', clientId: IVAN, department: 'first-line-north' })).status,
    ).toBe(403);
    const sent = await admin('POST', '/surveys', { questionnaireId: 'after-visit', clientId: IVAN, department: 'first-line-north', channel: 'email' });
    expect(sent.status).toBe(202);
    const communicationId = String(sent.body.communicationId);
    const card = await admin('GET', `/communications/${communicationId}`);
    const link = /(\/public\/surveys\/\S+)/.exec(String(card.body.text))?.[1];
    expect(link).toBeDefined();

    const page = await fetch(`${api.url}${link}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('ru How did we do?');
    expect(html).toContain('name="q_score"');
    const json = await fetch(`${api.url}${link}`, { headers: { accept: 'application/json' } });
    expect(await json.json()).toMatchObject({
      language: 'ru',
      completed: false,
      questions: [{ id: 'score', required: true }, { id: 'nps' }, { id: 'comment', required: false }],
    });

    const missing = await fetch(`${api.url}${link}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'q_score=4' });
    expect(missing.status).toBe(422);
    const answered = await fetch(`${api.url}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'q_score=4&q_nps=9&q_comment=Quick+and+polite',
    });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Спасибо! Ваши ответы записаны.');
    const again = await fetch(`${api.url}${link}`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Этот опрос уже пройден');

    const forged = await fetch(`${api.url}${String(link).slice(0, -3)}abc`);
    expect(forged.status).toBe(404);
    const expired = signSurveyToken(communicationId, new Date(Date.now() - 1_000), SECRET);
    const late = await fetch(`${api.url}/public/surveys/${expired}`, { headers: { accept: 'application/json' } });
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ rule: 'expired' });
  });

  it('shows the results to CommunicationsAdmin and the department’s managers, and refuses operators', async () => {
    expect((await api.call('hd.user.north', 'GET', '/surveys/questionnaires/after-visit/results')).status).toBe(403);
    const results = await api.eventually(
      () => admin('GET', '/surveys/questionnaires/after-visit/results?department=first-line-north').then((a) => a.body),
      (r) => r.answered === 1,
    );
    expect(results).toMatchObject({ sent: 1, answered: 1, completed: 1, responseRate: 100 });
    const nps = (results.questions as { questionId: string; nps?: number; average?: number }[]).find((q) => q.questionId === 'nps');
    expect(nps).toMatchObject({ nps: 100, average: 9 });
    expect(await api.ok('hd.manager.north', 'GET', '/surveys/questionnaires/after-visit/results')).toMatchObject({ sent: 1 });
    expect(await api.ok('hd.manager.south', 'GET', '/surveys/questionnaires/after-visit/results')).toMatchObject({ sent: 0 });
    const texts = await admin('GET', '/surveys/questionnaires/after-visit/free-text');
    expect(texts.body).toMatchObject({ items: [{ text: 'Quick and polite', questionId: 'comment' }] });
  });

  it('lists the surveys about a request with their answers, for who reads the results', async () => {
    const registered = await api.ok('hd.manager.north', 'POST', '/requests', { subject: 'Leaking tap', clientId: IVAN, text: 'The tap leaks' });
    const requestId = String(registered.id);
    // The survey reads the request's client and department from the requests' read model: read our own write first.
    await api.ok('hd.manager.north', 'GET', `/requests/${requestId}?minPosition=${encodeURIComponent(String(registered.position))}`);
    expect(await admin('GET', `/surveys/responses?requestId=${requestId}`).then((a) => a.body)).toEqual({ items: [] });
    const sent = await api.ok('hd.manager.north', 'POST', '/surveys', { questionnaireId: 'after-visit', requestId, channel: 'email' });
    const listed = await api.eventually(
      () => admin('GET', `/surveys/responses?requestId=${requestId.toUpperCase()}`).then((a) => a.body),
      (r) => (r.items as unknown[]).length === 1,
    );
    expect(listed).toMatchObject({
      items: [{ communicationId: sent.communicationId, requestId, department: 'first-line-north', completed: false, answers: {} }],
    });
    expect(await api.ok('hd.manager.north', 'GET', `/surveys/responses?requestId=${requestId}`)).toMatchObject({ items: [{ requestId }] });
    expect(await api.ok('hd.manager.south', 'GET', `/surveys/responses?requestId=${requestId}`)).toEqual({ items: [] });
    expect((await api.call('hd.user.north', 'GET', `/surveys/responses?requestId=${requestId}`)).status).toBe(403);
  });

  it('lets the department’s managers switch its CSAT survey after closure, and nobody else', async () => {
    expect(await api.ok('hd.manager.north', 'GET', '/departments/first-line-north/survey-setting')).toMatchObject({ csatEnabled: false, version: 0 });
    const body = { csatEnabled: true, questionnaireId: 'csat' };
    expect((await api.call('hd.manager.south', 'PUT', '/departments/first-line-north/survey-setting', body)).status).toBe(403);
    expect((await api.call('hd.manager.north', 'PUT', '/departments/first-line-north/survey-setting', { ...body, questionnaireId: 'nope' })).status).toBe(404);
    const set = await api.call('hd.manager.north', 'PUT', '/departments/first-line-north/survey-setting', body, { 'if-match': '"0"' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ csatEnabled: true, version: 1, updatedBy: 'hd.manager.north' });
  });
});
