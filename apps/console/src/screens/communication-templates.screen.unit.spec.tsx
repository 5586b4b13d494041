import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { operator, renderScreen } from '../../test/render';
import CommunicationTemplatesScreen from './communication-templates.screen';

const manager = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager' as const] };

const closure = {
  id: 'request-closed',
  name: 'Request closed',
  communicationType: 'service',
  bodies: { ru: 'Здравствуйте, {{name}}! Заявка {{number}} закрыта.', en: 'Hello {{name}}, request {{number}} is closed.' },
  variables: ['name', 'number'],
  version: 2,
  updatedBy: 'u',
  updatedAt: '2026-12-07T00:00:00Z',
};

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** The API as the screen sees it: the list, and a preview that renders like the server (422 naming a missing variable). */
function fakeApi(): { language: string; variables: Record<string, string> }[] {
  const previews: { language: string; variables: Record<string, string> }[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/communication-templates') return json({ items: [closure] });
    if (request.method === 'POST' && path === '/communication-templates/request-closed/preview') {
      const body = JSON.parse(await request.text()) as { language: 'ru' | 'en'; variables: Record<string, string> };
      previews.push(body);
      const missing = closure.variables.filter((v) => !(v in body.variables));
      if (missing.length)
        return json(
          {
            status: 422,
            title: 'template variable missing',
            detail: `template request-closed (${body.language}) needs variable {{${missing[0]}}}: no value given`,
          },
          422,
          'application/problem+json',
        );
      const text = closure.bodies[body.language].replace(/\{\{(\w+)\}\}/g, (_, name: string) => body.variables[name]);
      return json({ text, language: body.language, fellBack: false });
    }
    return json({ status: 404, title: 'not found' }, 404, 'application/problem+json');
  }) as typeof fetch;
  return previews;
}

describe('the communication templates screen', () => {
  it('lists the templates and previews the selected one live as the variables are typed, in either language', async () => {
    const previews = fakeApi();
    await renderScreen(<CommunicationTemplatesScreen />, { principal: manager });
    const row = await screen.findByTestId('communication-template-row');
    expect(within(row).getByText('Request closed')).toBeTruthy();
    expect(within(row).getByText('name, number')).toBeTruthy();
    const preview = screen.getByTestId('template-preview');
    expect((await within(preview).findByTestId('template-preview-problem')).textContent).toContain('{{name}}');
    fireEvent.change(within(preview).getByLabelText('name'), { target: { value: 'Пётр' } });
    fireEvent.change(within(preview).getByLabelText('number'), { target: { value: '42' } });
    await waitFor(() => expect(within(preview).getByTestId('template-preview-text').textContent).toBe('Здравствуйте, Пётр! Заявка 42 закрыта.'));
    fireEvent.click(within(preview).getByText('English'));
    await waitFor(() => expect(within(preview).getByTestId('template-preview-text').textContent).toBe('Hello Пётр, request 42 is closed.'));
    expect(previews.at(-1)).toEqual({ language: 'en', variables: { name: 'Пётр', number: '42' } });
  });

  it('speaks Russian', async () => {
    fakeApi();
    await renderScreen(<CommunicationTemplatesScreen />, { principal: manager, lng: 'ru' });
    expect(await screen.findByText('Шаблоны сообщений')).toBeTruthy();
    expect(screen.getByText(/Переменные записываются как \{\{name\}\}/)).toBeTruthy();
  });

  it('is forbidden to operators who are not managers', async () => {
    fakeApi();
    await renderScreen(<CommunicationTemplatesScreen />, { principal: operator });
    expect(await screen.findByText(/not allowed|forbidden/i)).toBeTruthy();
  });
});
