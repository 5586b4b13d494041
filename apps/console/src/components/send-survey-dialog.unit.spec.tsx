import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { operator, renderScreen } from '../../test/render';
import type { Principal } from '../auth/principal';
import { SendSurveyDialog } from './send-survey-dialog';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const manager: Principal = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager'] };
const IVAN = '7c1e0000-0000-4000-8000-000000000001';
const communicationId = '7d0c0000-0000-4000-8000-0000000000bb';
const questionnaire = (id: string, status: string) => ({
  id,
  name: id.toUpperCase(),
  title: { ru: `Анкета ${id}`, en: `Questionnaire ${id}` },
  questions: [],
  status,
  version: 1,
  updatedBy: 'comms.admin',
  updatedAt: '2026-12-07T10:00:00.000Z',
});

describe('sending a survey', () => {
  it('offers the active questionnaires, sends with an Idempotency-Key and links the communication created', async () => {
    const user = userEvent.setup();
    const sent: { path: string; key: string | null; body: unknown }[] = [];
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      if (request.method === 'POST') {
        sent.push({ path: new URL(request.url).pathname, key: request.headers.get('Idempotency-Key'), body: JSON.parse(await request.text()) });
        return json({ communicationId, appended: true }, 202);
      }
      return json({ items: [questionnaire('csat', 'active'), questionnaire('old', 'blocked')] });
    }) as typeof fetch;
    await renderScreen(<SendSurveyDialog opened onClose={() => undefined} clientId={IVAN} />, { principal: manager });
    const picker = await screen.findByTestId('survey-questionnaire');
    expect(screen.getAllByLabelText('Department').length).toBeGreaterThan(0);
    await user.click(picker);
    const listbox = document.getElementById(picker.getAttribute('aria-controls') ?? '') as HTMLElement;
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option', { hidden: true })
          .map((o) => o.textContent),
      ).toEqual(['CSAT — Questionnaire csat']),
    );
    await user.click(within(listbox).getByRole('option', { name: 'CSAT — Questionnaire csat', hidden: true }));
    await user.click(screen.getByTestId('survey-send'));
    const done = await screen.findByTestId('survey-sent');
    expect(sent).toEqual([{ path: '/surveys', key: expect.any(String), body: { questionnaireId: 'csat', clientId: IVAN, department: 'first-line-north' } }]);
    expect(within(done).getByRole('link', { name: 'Open the communication' }).getAttribute('href')).toBe(`/communications/${communicationId}`);
  });

  it('sends about a request without asking for a department (the request’s is used)', async () => {
    const user = userEvent.setup();
    const bodies: unknown[] = [];
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      if (request.method === 'POST') {
        bodies.push(JSON.parse(await request.text()));
        return json({ communicationId, appended: true }, 202);
      }
      return json({ items: [questionnaire('csat', 'active')] });
    }) as typeof fetch;
    const requestId = '3f0c0000-0000-4000-8000-0000000000aa';
    await renderScreen(<SendSurveyDialog opened onClose={() => undefined} requestId={requestId} />, { principal: manager });
    const picker = await screen.findByTestId('survey-questionnaire');
    expect(screen.queryAllByLabelText('Department')).toHaveLength(0);
    await user.click(picker);
    const listbox = document.getElementById(picker.getAttribute('aria-controls') ?? '') as HTMLElement;
    await user.click(await within(listbox).findByRole('option', { name: 'CSAT — Questionnaire csat', hidden: true }));
    await user.click(screen.getByTestId('survey-send'));
    await screen.findByTestId('survey-sent');
    expect(bodies).toEqual([{ questionnaireId: 'csat', requestId }]);
  });
});
