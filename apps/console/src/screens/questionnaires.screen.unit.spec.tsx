import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { operator, renderScreen } from '../../test/render';
import type { Principal } from '../auth/principal';
import QuestionnairesScreen from './questionnaires.screen';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly ifMatch: string | null;
  readonly body: unknown;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

function fakeApi(answer: (sent: Sent) => Response): Sent[] {
  const sent: Sent[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = request.method === 'GET' ? '' : await request.text();
    const call = {
      method: request.method,
      path: new URL(request.url).pathname,
      ifMatch: request.headers.get('If-Match'),
      body: text ? JSON.parse(text) : undefined,
    };
    sent.push(call);
    return answer(call);
  }) as typeof fetch;
  return sent;
}

const admin: Principal = { ...operator, username: 'comms.admin', roles: ['CommunicationsAdmin'], departments: [] };
const manager: Principal = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager'] };
const csat = {
  id: 'csat',
  name: 'CSAT',
  title: { ru: 'Оцените нашу работу', en: 'Rate our work' },
  questions: [{ id: 'q1', kind: 'rating', text: { ru: 'Как мы справились?', en: 'How did we do?' } }],
  status: 'active',
  version: 3,
  updatedBy: 'migration',
  updatedAt: '2026-12-07T10:00:00.000Z',
};

describe('the questionnaires screen', () => {
  it('is not for operators', async () => {
    fakeApi(() => json({ items: [] }));
    await renderScreen(<QuestionnairesScreen />, { principal: operator });
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });

  it('lets a manager read the list and open results, but not write', async () => {
    fakeApi(() => json({ items: [csat] }));
    await renderScreen(<QuestionnairesScreen />, { principal: manager, lng: 'ru' });
    const row = await screen.findByText('CSAT');
    expect(within(row.closest('tr') as HTMLElement).getByText('Оценка 1–5')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Результаты' }).getAttribute('href')).toBe('/surveys/csat/results');
    expect(screen.queryByTestId('questionnaire-new')).toBeNull();
    expect(screen.queryByRole('button', { name: /Изменить/ })).toBeNull();
  });

  it('checks a new questionnaire before sending it: every text in both languages, options for a choice', async () => {
    const user = userEvent.setup();
    const sent = fakeApi((s) => (s.method === 'POST' ? json({ ...csat, id: 'after-visit', version: 1 }, 201) : json({ items: [csat] })));
    await renderScreen(<QuestionnairesScreen />, { principal: admin });
    await user.click(await screen.findByTestId('questionnaire-new'));
    const form = await screen.findByTestId('questionnaire-form');
    await user.click(within(form).getByTestId('questionnaire-save'));
    expect(within(form).getAllByText('Required').length).toBeGreaterThanOrEqual(5);
    expect(within(form).getByText(/2–50 of a–z/)).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);

    await user.type(within(form).getByTestId('questionnaire-code'), 'after-visit');
    await user.type(within(form).getByTestId('questionnaire-name'), 'After a visit');
    await user.type(within(form).getByTestId('questionnaire-title-ru'), 'Визит');
    await user.type(within(form).getByTestId('questionnaire-title-en'), 'Visit');
    await user.type(within(form).getByTestId('question-ru-0'), 'Оцените');
    await user.type(within(form).getByTestId('question-en-0'), 'Rate');
    await user.click(within(form).getByTestId('question-add'));
    const kind = within(form).getByTestId('question-kind-1');
    await user.click(kind);
    const listbox = document.getElementById(kind.getAttribute('aria-controls') ?? '') as HTMLElement;
    await user.click(within(listbox).getByRole('option', { name: 'Single choice', hidden: true }));
    await user.type(within(form).getByTestId('question-ru-1'), 'Кто');
    await user.type(within(form).getByTestId('question-en-1'), 'Who');
    await user.type(within(form).getByTestId('option-ru-1-0'), 'Сантехник');
    await user.type(within(form).getByTestId('option-en-1-0'), 'Plumber');
    await user.click(within(form).getByRole('button', { name: 'Remove option 2' }));
    await user.click(within(form).getByTestId('questionnaire-save'));
    expect(within(form).getByText('2 to 9 options')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);

    await user.click(within(form).getByRole('button', { name: 'Add option' }));
    await user.type(within(form).getByTestId('option-ru-1-1'), 'Электрик');
    await user.type(within(form).getByTestId('option-en-1-1'), 'Electrician');
    // Reordered: the choice first.
    await user.click(within(form).getByRole('button', { name: 'Move question 2 up' }));
    await user.click(within(form).getByTestId('questionnaire-save'));
    await waitFor(() => expect(sent.filter((s) => s.method === 'POST')).toHaveLength(1));
    expect(sent.find((s) => s.method === 'POST')?.body).toEqual({
      id: 'after-visit',
      name: 'After a visit',
      title: { ru: 'Визит', en: 'Visit' },
      questions: [
        {
          id: 'q2',
          kind: 'single',
          text: { ru: 'Кто', en: 'Who' },
          options: [
            { id: 'o1', text: { ru: 'Сантехник', en: 'Plumber' } },
            { id: 'o2', text: { ru: 'Электрик', en: 'Electrician' } },
          ],
        },
        { id: 'q1', kind: 'rating', text: { ru: 'Оцените', en: 'Rate' } },
      ],
    });
  });

  it('shows the API’s field errors on their fields', async () => {
    const user = userEvent.setup();
    fakeApi((s) =>
      s.method === 'POST'
        ? json({ status: 409, title: 'conflict', errors: [{ field: 'id', message: 'the questionnaire csat exists' }] }, 409)
        : json({ items: [csat] }),
    );
    await renderScreen(<QuestionnairesScreen />, { principal: admin });
    await user.click(await screen.findByTestId('questionnaire-new'));
    const form = await screen.findByTestId('questionnaire-form');
    await user.type(within(form).getByTestId('questionnaire-code'), 'csat');
    await user.type(within(form).getByTestId('questionnaire-name'), 'Again');
    for (const [id, text] of [
      ['questionnaire-title-ru', 'А'],
      ['questionnaire-title-en', 'A'],
      ['question-ru-0', 'В'],
      ['question-en-0', 'Q'],
    ] as const)
      await user.type(within(form).getByTestId(id), text);
    await user.click(within(form).getByTestId('questionnaire-save'));
    expect(await within(form).findByText('the questionnaire csat exists')).toBeTruthy();
    expect(within(form).getByTestId('questionnaire-code')).toHaveAttribute('aria-invalid', 'true');
  });

  it('edits with the version seen as If-Match; a stale edit says so and reloads the current version', async () => {
    const user = userEvent.setup();
    const changed = { ...csat, name: 'CSAT (changed)', version: 4 };
    const sent = fakeApi((s) => {
      if (s.method === 'PUT') return json({ status: 409, title: 'conflict', detail: 'stale' }, 409);
      if (s.path === '/surveys/questionnaires/csat') return json(changed);
      return json({ items: [csat] });
    });
    await renderScreen(<QuestionnairesScreen />, { principal: admin });
    await user.click(await screen.findByRole('button', { name: 'Edit CSAT' }));
    const form = await screen.findByTestId('questionnaire-form');
    await user.clear(within(form).getByTestId('questionnaire-name'));
    await user.type(within(form).getByTestId('questionnaire-name'), 'Mine');
    await user.click(within(form).getByTestId('questionnaire-save'));
    const conflict = await screen.findByTestId('questionnaire-conflict');
    expect(sent.find((s) => s.method === 'PUT')?.ifMatch).toBe('"3"');
    await user.click(within(conflict).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByTestId('questionnaire-name')).toHaveValue('CSAT (changed)'));
    expect(screen.queryByTestId('questionnaire-conflict')).toBeNull();
  });

  it('blocks a questionnaire with If-Match', async () => {
    const user = userEvent.setup();
    const sent = fakeApi((s) => (s.method === 'POST' ? json({ ...csat, status: 'blocked', version: 4 }) : json({ items: [csat] })));
    await renderScreen(<QuestionnairesScreen />, { principal: admin });
    await user.click(await screen.findByRole('button', { name: 'Block CSAT' }));
    await waitFor(() =>
      expect(sent.find((s) => s.method === 'POST')).toMatchObject({ path: '/surveys/questionnaires/csat/status', ifMatch: '"3"', body: { status: 'blocked' } }),
    );
  });
});
