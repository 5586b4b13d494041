import { startOperatorApi } from '../testing/operator-api';
import type { OperatorApi } from '../testing/operator-api';

/**
 * Communication templates through the all-in-one app: a manager writes one in Russian and English,
 * edits it at the version seen (409 when stale), previews it for a client's language (fallback,
 * 422 naming a missing variable); operators who are not managers get 403.
 */
describe('communication templates API', () => {
  let api: OperatorApi;

  beforeAll(async () => {
    api = await startOperatorApi('communication_templates_api');
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('creates, edits and previews a template; refuses non-managers, stale edits and missing variables', async () => {
    const template = {
      id: 'request-closed',
      name: 'Request closed',
      communicationType: 'service',
      bodies: { ru: 'Здравствуйте, {{name}}! Заявка {{number}} закрыта.', en: 'Hello {{name}}, request {{number}} is closed.' },
    };
    expect((await api.call('hd.user.north', 'POST', '/communication-templates', template)).status).toBe(403);
    expect((await api.call('l3.manager.network', 'GET', '/communication-templates')).status).toBe(403);

    const created = await api.call('hd.manager.north', 'POST', '/communication-templates', template);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/communication-templates/request-closed');
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ id: 'request-closed', version: 1, variables: ['name', 'number'] });
    expect((await api.call('hd.manager.north', 'POST', '/communication-templates', template)).status).toBe(409);

    const malformed = await api.call('hd.manager.north', 'POST', '/communication-templates', {
      ...template,
      id: 'bad',
      bodies: { ru: 'Привет, {{name}}', en: 'Hi' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'bodies.en', message: 'must use the same variables as bodies.ru; missing {{name}}' }]);

    const { id: _id, ...fields } = template;
    const russianOnly = { ...fields, bodies: { ru: 'Уважаемый(ая) {{name}}, заявка {{number}} закрыта.' } };
    const edited = await api.call('hd.manager.north', 'PUT', '/communication-templates/request-closed', russianOnly, { 'if-match': '"1"' });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('"2"');
    const stale = await api.call('hd.manager.south', 'PUT', '/communication-templates/request-closed', fields, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ current: { version: 2 } });

    const preview = await api.call('hd.manager.south', 'POST', '/communication-templates/request-closed/preview', {
      language: 'en',
      variables: { name: 'Анна', number: 'R-42' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ text: 'Уважаемый(ая) Анна, заявка R-42 закрыта.', language: 'ru', fellBack: true });

    const missing = await api.call('hd.manager.north', 'POST', '/communication-templates/request-closed/preview', {
      language: 'ru',
      variables: { name: 'Анна' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ rule: 'missing-variable', variables: ['number'], language: 'ru' });
    expect(missing.body.detail).toContain('{{number}}');

    expect((await api.call('hd.manager.north', 'POST', '/communication-templates/nope/preview', { language: 'ru' })).status).toBe(404);
    const list = await api.ok('hd.manager.south', 'GET', '/communication-templates');
    expect((list.items as { id: string; version: number }[]).map((t) => [t.id, t.version])).toEqual([['request-closed', 2]]);
  }, 120_000);
});
