import { TemplateRenderError, renderTemplate, templateProblems, templateVariables } from './communication-template';
import type { CommunicationTemplate } from './communication-template';

const closure: CommunicationTemplate = {
  id: 'request-closed',
  name: 'Request closed',
  communicationType: 'service',
  bodies: {
    ru: 'Здравствуйте, {{name}}! Заявка {{ requestNumber }} закрыта.',
    en: 'Hello {{name}}, request {{requestNumber}} is closed.',
  },
};

const renderError = (render: () => unknown): TemplateRenderError => {
  try {
    render();
  } catch (error) {
    if (error instanceof TemplateRenderError) return error;
    throw error;
  }
  throw new Error('expected a TemplateRenderError');
};

describe('communication templates', () => {
  it('renders the client’s language with its variables', () => {
    expect(renderTemplate(closure, 'en', { name: 'Anna', requestNumber: 'R-42' })).toEqual({
      text: 'Hello Anna, request R-42 is closed.',
      language: 'en',
      fellBack: false,
    });
  });

  it('puts Cyrillic values in as they are', () => {
    expect(renderTemplate(closure, 'ru', { name: 'Пётр Ильич', requestNumber: 'З-7' }).text).toBe('Здравствуйте, Пётр Ильич! Заявка З-7 закрыта.');
  });

  it('renders Russian text without variables exactly as written', () => {
    const notice: CommunicationTemplate = {
      id: 'outage',
      name: 'Outage',
      communicationType: 'informational',
      bodies: { ru: 'Плановые работы: 12 декабря с 02:00 до 04:00 связь может пропадать. Приносим извинения.' },
    };
    expect(renderTemplate(notice, 'ru', {}).text).toBe(notice.bodies.ru);
  });

  it('falls back to the other language when the template has none in the client’s', () => {
    const russianOnly: CommunicationTemplate = { ...closure, bodies: { ru: closure.bodies.ru } };
    expect(renderTemplate(russianOnly, 'en', { name: 'Anna', requestNumber: 'R-1' })).toEqual({
      text: 'Здравствуйте, Anna! Заявка R-1 закрыта.',
      language: 'ru',
      fellBack: true,
    });
    const englishOnly: CommunicationTemplate = { ...closure, bodies: { en: closure.bodies.en } };
    expect(renderTemplate(englishOnly, 'ru', { name: 'Анна', requestNumber: 'R-1' }).language).toBe('en');
  });

  it('refuses a render with a missing variable and names it', () => {
    const error = renderError(() => renderTemplate(closure, 'en', { name: 'Anna' }));
    expect(error.kind).toBe('missing-variable');
    expect(error.variables).toEqual(['requestNumber']);
    expect(error.language).toBe('en');
    expect(error.message).toBe('template request-closed (en) needs variable {{requestNumber}}: no value given');
  });

  it('refuses a value for a variable the template does not have', () => {
    const error = renderError(() => renderTemplate(closure, 'ru', { name: 'Анна', requestNumber: '1', nmae: 'typo' }));
    expect(error.kind).toBe('unknown-variable');
    expect(error.variables).toEqual(['nmae']);
  });

  it('escapes nothing and does not expand braces inside a value', () => {
    expect(renderTemplate(closure, 'en', { name: '<b>{{requestNumber}}</b> & co', requestNumber: '7' }).text).toBe(
      'Hello <b>{{requestNumber}}</b> & co, request 7 is closed.',
    );
  });

  it('lists the variables a body uses, once each', () => {
    expect(templateVariables('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });

  it.each([
    [{}, 'bodies', 'a template needs a body in at least one language (ru, en)'],
    [{ ru: '  ' }, 'bodies.ru', 'must not be empty'],
    [{ en: 'Hi {{имя}}' }, 'bodies.en', '{{имя}} is not a variable: use {{name}} with a letter, then letters, digits or _'],
    [{ en: 'Hi {{name}' }, 'bodies.en', 'has a {{ or }} that does not close a placeholder'],
    [
      { ru: 'Привет, {{name}}', en: 'Hi {{fullName}}' },
      'bodies.en',
      'must use the same variables as bodies.ru; missing {{name}}; not in bodies.ru: {{fullName}}',
    ],
  ])('finds what is wrong with the bodies %j', (bodies, field, message) => {
    expect(templateProblems({ bodies })).toContainEqual({ field, message });
  });

  it('finds nothing wrong with a well-formed template', () => {
    expect(templateProblems(closure)).toEqual([]);
  });
});
