import { screen } from '@testing-library/react';
import { operator, renderScreen } from '../../test/render';
import type { Principal } from '../auth/principal';
import { RequestSurveyResponses } from './request-survey-responses';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const manager: Principal = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager'] };
const requestId = '3f0c0000-0000-4000-8000-0000000000aa';
const response = {
  communicationId: '7d0c0000-0000-4000-8000-0000000000bb',
  questionnaireId: 'csat',
  questionnaireVersion: 1,
  clientId: '7c1e0000-0000-4000-8000-000000000001',
  department: 'first-line-north',
  language: 'ru',
  requestId,
  questions: [
    { id: 'q1', kind: 'rating', text: { ru: 'Оцените работу', en: 'Rate our work' } },
    {
      id: 'q2',
      kind: 'multiple',
      text: { ru: 'Что понравилось?', en: 'What did you like?' },
      options: [
        { id: 'o1', text: { ru: 'Скорость', en: 'Speed' } },
        { id: 'o2', text: { ru: 'Вежливость', en: 'Politeness' } },
      ],
    },
    { id: 'q3', kind: 'text', text: { ru: 'Комментарий', en: 'Comment' } },
  ],
  answers: { q1: { kind: 'rating', value: 2 }, q2: { kind: 'multiple', optionIds: ['o1', 'o2'] } },
  completed: true,
};

describe('the survey of a request on its card', () => {
  it('shows what the client answered, options by their text, and the unanswered', async () => {
    const seen: string[] = [];
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      seen.push((input as Request).url);
      return json({ items: [response] });
    }) as typeof fetch;
    await renderScreen(<RequestSurveyResponses requestId={requestId} enabled />, { principal: manager });
    await screen.findByTestId('request-surveys');
    expect(seen[0]).toContain(`/surveys/responses?requestId=${requestId}`);
    expect(screen.getAllByTestId('request-survey-answer').map((cell) => cell.textContent)).toEqual(['2', 'Speed, Politeness', 'No answer']);
    expect(screen.getByText('Answered')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'csat' }).getAttribute('href')).toBe(`/communications/${response.communicationId}`);
  });

  it('asks nothing for whom the API would refuse, and shows nothing', async () => {
    global.fetch = jest.fn(async () => json({ items: [response] })) as typeof fetch;
    await renderScreen(<RequestSurveyResponses requestId={requestId} enabled={false} />, { principal: operator });
    expect(screen.queryByTestId('request-surveys')).toBeNull();
    expect(global.fetch).not.toHaveBeenCalled();
  });
});
