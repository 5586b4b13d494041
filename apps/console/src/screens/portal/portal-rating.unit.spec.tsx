import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import type { Principal } from '../../auth/principal';
import { PortalRatingBlock } from './portal-rating';

const anna: Principal = { userId: 'u-anna', username: 'resident.anna', name: 'Anna Volkova', roles: ['Resident'], departments: [], workGroups: [], sites: [] };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const survey = (answers: Record<string, unknown>, completed: boolean) => ({
  requestId: 'r-1',
  available: true,
  survey: {
    communicationId: 'c-1',
    language: 'en',
    questions: [
      { id: 'csat', kind: 'rating', text: { ru: 'Оцените', en: 'How did we do?' }, required: true },
      { id: 'note', kind: 'text', text: { ru: 'Комментарий', en: 'Anything to add?' }, required: false },
    ],
    answers,
    completed,
  },
});

describe('the portal’s rating block', () => {
  it('sends the stars and the comment once, under one Idempotency-Key, and shows the rating after', async () => {
    const sent: { body: unknown; key: string | null }[] = [];
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      if (request.method === 'POST') {
        const body = (await request.json()) as { answers: { questionId: string; answer: unknown }[] };
        sent.push({ body, key: request.headers.get('Idempotency-Key') });
        return json({ ...survey(Object.fromEntries(body.answers.map((a) => [a.questionId, a.answer])), true), duplicate: false });
      }
      return json(survey({}, false));
    }) as typeof fetch;
    await renderScreen(<PortalRatingBlock requestId="r-1" />, { path: '/portal/requests/:id', route: '/portal/requests/r-1', principal: anna });

    const send = await screen.findByRole('button', { name: 'Send rating' });
    expect(send).toBeDisabled();
    // Enter on a star picks it and sends nothing: a rating is final once sent.
    screen.getByRole('radio', { name: '4 stars' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(send).toBeEnabled());
    expect(sent).toEqual([]);
    await userEvent.type(screen.getByTestId('rating-note'), '  Quick and tidy ');
    await userEvent.click(send);

    expect(await screen.findByText('Thank you for your rating')).toBeInTheDocument();
    expect(screen.getByText('4 stars')).toBeInTheDocument();
    expect(screen.getByText('Quick and tidy')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        body: {
          answers: [
            { questionId: 'csat', answer: { kind: 'rating', value: 4 } },
            { questionId: 'note', answer: { kind: 'text', text: 'Quick and tidy' } },
          ],
          complete: true,
        },
        key: expect.stringMatching(/.+/),
      },
    ]);
  });

  it('says why a request cannot be rated instead of offering a dead button', async () => {
    global.fetch = jest.fn(async () => json({ requestId: 'r-1', available: false, reason: 'csat-off' })) as typeof fetch;
    await renderScreen(<PortalRatingBlock requestId="r-1" />, { path: '/portal/requests/:id', route: '/portal/requests/r-1', principal: anna });
    expect(await screen.findByText('Ratings are not collected for this request.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send rating' })).not.toBeInTheDocument();
  });
});
