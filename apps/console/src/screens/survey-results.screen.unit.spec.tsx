import { screen, within } from '@testing-library/react';
import { operator, renderScreen } from '../../test/render';
import type { Principal } from '../auth/principal';
import SurveyResultsScreen from './survey-results.screen';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeApi(answer: (path: string, url: URL) => Response): URL[] {
  const seen: URL[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL((input as Request).url);
    seen.push(url);
    return answer(url.pathname, url);
  }) as typeof fetch;
  return seen;
}

const admin: Principal = { ...operator, username: 'comms.admin', roles: ['CommunicationsAdmin'], departments: [] };
const questionnaire = {
  id: 'after-visit',
  name: 'After a visit',
  title: { ru: 'Как прошёл визит', en: 'How was the visit' },
  questions: [],
  status: 'active',
  version: 2,
  updatedBy: 'comms.admin',
  updatedAt: '2026-12-07T10:00:00.000Z',
};
const results = {
  questionnaireId: 'after-visit',
  sent: 10,
  answered: 4,
  completed: 3,
  responseRate: 40,
  questions: [
    {
      questionId: 'q1',
      kind: 'rating',
      text: { ru: 'Оцените визит', en: 'Rate the visit' },
      answered: 4,
      distribution: ['1', '2', '3', '4', '5'].map((value) => ({ value, count: { '1': 1, '2': 0, '3': 0, '4': 1, '5': 2 }[value] ?? 0 })),
      average: 3.75,
      csat: 75,
    },
    {
      questionId: 'q2',
      kind: 'nps',
      text: { ru: 'Порекомендуете нас?', en: 'Would you recommend us?' },
      answered: 3,
      distribution: Array.from({ length: 11 }, (_, v) => ({ value: String(v), count: v === 10 ? 2 : v === 3 ? 1 : 0 })),
      average: 7.67,
      nps: 33.3333,
    },
    {
      questionId: 'q3',
      kind: 'single',
      text: { ru: 'Кто приходил?', en: 'Who came?' },
      answered: 2,
      distribution: [
        { value: 'o1', label: { ru: 'Сантехник', en: 'Plumber' }, count: 2 },
        { value: 'o2', label: { ru: 'Электрик', en: 'Electrician' }, count: 0 },
      ],
    },
    { questionId: 'q4', kind: 'text', text: { ru: 'Что улучшить?', en: 'What to improve?' }, answered: 1, distribution: [] },
  ],
};
const requestId = '3f0c0000-0000-4000-8000-0000000000aa';
const freeText = {
  items: [
    {
      communicationId: '7d0c0000-0000-4000-8000-0000000000bb',
      questionId: 'q4',
      text: 'Приходить вовремя',
      department: 'first-line-north',
      requestId,
      answeredAt: '2026-12-07T11:00:00.000Z',
    },
  ],
  nextOffset: 20,
};

const api = () =>
  fakeApi((path) => {
    if (path.endsWith('/results')) return json(results);
    if (path.endsWith('/free-text')) return json(freeText);
    return json(questionnaire);
  });

describe('the survey results screen', () => {
  it('is not for operators (the API answers them 403)', async () => {
    api();
    await renderScreen(<SurveyResultsScreen />, { principal: operator, path: '/surveys/:id/results', route: '/surveys/after-visit/results' });
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });

  it('shows the headline figures and every value’s count as text beside its bar', async () => {
    api();
    await renderScreen(<SurveyResultsScreen />, { principal: admin, path: '/surveys/:id/results', route: '/surveys/after-visit/results' });
    expect(await screen.findByTestId('survey-results')).toBeTruthy();
    expect(screen.getByTestId('figure-sent').textContent).toContain('10');
    expect(screen.getByTestId('figure-answered').textContent).toContain('4');
    expect(screen.getByTestId('figure-rate').textContent).toContain('40 %');
    expect(screen.getByTestId('figure-csat').textContent).toContain('75 %');
    expect(screen.getByTestId('figure-nps').textContent).toContain('33.3');
    expect(screen.getByTestId('figure-average').textContent).toContain('3.8');

    const [rating, nps, single] = screen.getAllByTestId('survey-question');
    const counts = (section: HTMLElement) =>
      within(section)
        .getAllByTestId('survey-bar-count')
        .map((c) => c.textContent);
    expect(counts(rating as HTMLElement)).toEqual(['1 (25 %)', '0 (0 %)', '0 (0 %)', '1 (25 %)', '2 (50 %)']);
    expect(within(nps as HTMLElement).getAllByTestId('survey-bar')).toHaveLength(11);
    expect(counts(nps as HTMLElement)[10]).toBe('2 (67 %)');
    // Each bar says its value and count to a screen reader, and an option by its label.
    expect(within(single as HTMLElement).getByRole('progressbar', { name: 'Plumber: 2' })).toBeTruthy();
  });

  it('lists free-text answers in Russian with a link to the request the survey was about', async () => {
    api();
    await renderScreen(<SurveyResultsScreen />, { principal: admin, lng: 'ru', path: '/surveys/:id/results', route: '/surveys/after-visit/results' });
    const table = await screen.findByTestId('free-text-answers');
    expect(within(table).getByText('Приходить вовремя')).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'Обращение' }).getAttribute('href')).toBe(`/requests/${requestId}`);
    expect(screen.getByRole('heading', { name: /Результаты: Как прошёл визит/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Дальше' })).toBeEnabled();
  });
});
