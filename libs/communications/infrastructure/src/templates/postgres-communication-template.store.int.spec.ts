import { Pool } from 'pg';
import {
  CommunicationTemplateExistsError,
  CommunicationTemplateNotFoundError,
  CommunicationTemplates,
  InvalidCommunicationTemplateError,
  StaleCommunicationTemplateError,
} from '@switchboard/communications';
import { TemplateRenderError } from '@switchboard/communications/domain';
import { createTestDatabase } from '@switchboard/platform/testing';
import type { TestDatabase } from '@switchboard/platform/testing';
import { communicationTemplatesSchema } from '../migrations/20261207005000-communication-templates.migration';
import { PostgresCommunicationTemplateStore } from './postgres-communication-template.store';

describe('communication templates on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let templates: CommunicationTemplates;
  const closure = {
    name: 'Request closed',
    communicationType: 'service',
    bodies: { ru: 'Здравствуйте, {{name}}! Заявка {{number}} закрыта.', en: 'Hello {{name}}, request {{number}} is closed.' },
  };

  beforeAll(async () => {
    db = await createTestDatabase('communication_templates');
    pool = new Pool({ connectionString: db.url, max: 4 });
    for (const statement of communicationTemplatesSchema) await pool.query(statement);
    templates = new CommunicationTemplates(new PostgresCommunicationTemplateStore(pool));
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('stores a template at version 1 and refuses a second one with the same id', async () => {
    const stored = await templates.create('request-closed', closure, 'hd.manager.north', new Date('2026-12-07T00:00:00Z'));
    expect(stored).toMatchObject({ id: 'request-closed', version: 1, bodies: closure.bodies, updatedBy: 'hd.manager.north' });
    expect(await templates.get('request-closed')).toEqual(stored);
    await expect(templates.create('request-closed', closure, 'hd.manager.north')).rejects.toBeInstanceOf(CommunicationTemplateExistsError);
  });

  it('edits at the version the editor saw and refuses a stale one, naming the current version', async () => {
    await templates.create('outage', { name: 'Outage', communicationType: 'informational', bodies: { ru: 'Работы {{when}}' } }, 'a');
    const edited = await templates.update('outage', { name: 'Outage', communicationType: 'informational', bodies: { ru: 'Плановые работы {{when}}' } }, 1, 'b');
    expect(edited.version).toBe(2);
    const stale = await templates.update('outage', { name: 'x', communicationType: 'informational', bodies: { ru: 'x' } }, 1, 'c').catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleCommunicationTemplateError);
    expect((stale as StaleCommunicationTemplateError).actual).toBe(2);
    expect((await templates.get('outage')).bodies.ru).toBe('Плановые работы {{when}}');
    await expect(templates.update('nope', closure, undefined, 'a')).rejects.toBeInstanceOf(CommunicationTemplateNotFoundError);
  });

  it('refuses a template whose bodies are malformed', async () => {
    const error = await templates.create('bad', { ...closure, bodies: { ru: 'Привет {{name}}', en: 'Hi' } }, 'a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCommunicationTemplateError);
    expect((error as InvalidCommunicationTemplateError).problems).toEqual([
      { field: 'bodies.en', message: 'must use the same variables as bodies.ru; missing {{name}}' },
    ]);
  });

  it('previews a stored template and names a missing variable', async () => {
    expect(await templates.preview('request-closed', 'ru', { name: 'Анна', number: '42' })).toEqual({
      text: 'Здравствуйте, Анна! Заявка 42 закрыта.',
      language: 'ru',
      fellBack: false,
    });
    const error = await templates.preview('request-closed', 'en', { name: 'Anna' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as TemplateRenderError).variables).toEqual(['number']);
  });
});
