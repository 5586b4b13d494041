import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { operator, renderScreen } from '../../test/render';
import CommunicationCardScreen from './communication-card.screen';
import CommunicationSettingsScreen from './communication-settings.screen';
import CommunicationsScreen from './communications.screen';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly ifMatch: string | null;
  readonly idempotencyKey: string | null;
  readonly body: unknown;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeApi(answer: (sent: Sent) => Response): Sent[] {
  const sent: Sent[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = request.method === 'GET' ? '' : await request.text();
    const url = new URL(request.url);
    const call = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      ifMatch: request.headers.get('If-Match'),
      idempotencyKey: request.headers.get('Idempotency-Key'),
      body: text ? JSON.parse(text) : undefined,
    };
    sent.push(call);
    return answer(call);
  }) as typeof fetch;
  return sent;
}

const item = {
  id: '0b6c3f9e-1f0e-4c7a-9d5e-000000000001',
  department: 'first-line-north',
  clientId: '7c1e0000-0000-4000-8000-000000000001',
  communicationType: 'personal',
  channel: 'email',
  status: 'BLOCKED',
  text: 'Your router is on its way',
  reason: 'opted-out: the client opted out of marketing',
  requestedBy: 'hd.user.north',
  requestedAt: '2026-12-06T10:00:00.000Z',
  updatedAt: '2026-12-06T10:00:01.000Z',
};
const types = [
  {
    code: 'personal',
    name: 'Personal communication',
    status: 'active',
    marketing: false,
    heldInQuietHours: false,
    version: 1,
    updatedBy: 'system',
    updatedAt: item.requestedAt,
  },
  {
    code: 'mass',
    name: 'Mass communication',
    status: 'active',
    marketing: true,
    heldInQuietHours: true,
    version: 1,
    updatedBy: 'system',
    updatedAt: item.requestedAt,
  },
];

describe('the communications screens', () => {
  it('lists the communications with their status, filters by status, and sends a personal one with an Idempotency-Key', async () => {
    const sent = fakeApi((s) => {
      if (s.path === '/communication-types') return json({ items: types });
      if (s.method === 'POST') return json({ id: item.id, status: 'NOT_SENT' }, 202);
      return json({ items: [item] });
    });
    await renderScreen(<CommunicationsScreen />, { lng: 'ru' });
    const table = await screen.findByTestId('communication-table');
    expect(within(table).getByText('Your router is on its way').closest('tr')?.textContent).toContain('Заблокировано политикой');
    await userEvent.click(screen.getByTestId('communication-status-filter'));
    await userEvent.click(await screen.findByRole('option', { name: 'Забронировано', hidden: true }));
    await waitFor(() => expect(sent.some((s) => s.path === '/communications' && s.search === '?status=BOOKED')).toBe(true));

    fireEvent.click(screen.getByTestId('communication-send'));
    fireEvent.change(await screen.findByTestId('send-client'), { target: { value: item.clientId } });
    fireEvent.change(screen.getByTestId('send-text'), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByTestId('send-submit'));
    await waitFor(() => expect(sent.some((s) => s.method === 'POST')).toBe(true));
    const post = sent.find((s) => s.method === 'POST');
    expect(post).toMatchObject({
      path: '/communications',
      body: { department: 'first-line-north', clientId: item.clientId, communicationType: 'personal', text: 'Hello' },
    });
    expect(post?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a communication’s history and cancels a booking', async () => {
    const card = {
      id: item.id,
      department: item.department,
      clientId: item.clientId,
      communicationType: 'service',
      status: 'BOOKED',
      text: 'Planned works',
      bookedUntil: '2026-12-07T09:00:00.000Z',
      revision: 1,
      mayCancel: true,
      history: [
        { type: 'CommunicationRequested', revision: 0, by: 'hd.manager.north', at: '2026-12-06T10:00:00.000Z', data: { department: item.department } },
        {
          type: 'CommunicationBooked',
          revision: 1,
          by: 'hd.manager.north',
          at: '2026-12-06T10:00:00.000Z',
          data: { until: '2026-12-07T09:00:00.000Z', reason: 'requested' },
        },
      ],
    };
    const sent = fakeApi((s) => (s.method === 'POST' ? json({ id: item.id, status: 'CANCELLED' }) : json(card)));
    await renderScreen(<CommunicationCardScreen />, { path: '/communications/:id', route: `/communications/${item.id}` });
    const history = await screen.findByTestId('communication-history');
    expect(
      within(history)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining('Event'), expect.stringContaining('Requested'), expect.stringContaining('reason: requested')]);
    fireEvent.click(screen.getByTestId('communication-cancel'));
    await waitFor(() => expect(sent.some((s) => s.method === 'POST')).toBe(true));
    expect(sent.find((s) => s.method === 'POST')).toMatchObject({ path: `/communications/${item.id}/cancel` });
  });

  it('is not for operators; a manager sets the department’s preferred channels with If-Match', async () => {
    fakeApi(() => json({ items: [] }));
    const { unmount } = await renderScreen(<CommunicationSettingsScreen />, { principal: operator });
    expect(await screen.findByText(/not allowed|Not allowed/i)).toBeTruthy();
    unmount();

    const policies = {
      department: 'first-line-north',
      preferences: [
        { department: 'first-line-north', communicationType: 'personal', channels: ['sms'], version: 2, updatedBy: 'x', updatedAt: item.requestedAt },
      ],
      rateLimits: [],
      access: 'full',
    };
    const sent = fakeApi((s) => {
      if (s.path === '/communication-types') return json({ items: types });
      if (s.path === '/communication-channels') return json({ items: [] });
      if (s.path === '/surveys/questionnaires') return json({ items: [] });
      if (s.path.endsWith('/survey-setting')) return json({ department: 'first-line-north', csatEnabled: false, questionnaireId: 'csat', version: 0 });
      if (s.method === 'PUT') return json(policies.preferences[0]);
      return json(policies);
    });
    const manager = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager' as const] };
    await renderScreen(<CommunicationSettingsScreen />, { principal: manager });
    await screen.findByTestId('department-policies');
    fireEvent.click(await screen.findByTestId('preference-save'));
    await waitFor(() => expect(sent.some((s) => s.method === 'PUT')).toBe(true));
    expect(sent.find((s) => s.method === 'PUT')).toMatchObject({
      path: '/departments/first-line-north/communication-preferences/personal',
      ifMatch: '"2"',
      body: { channels: ['sms'] },
    });
    // Reference data is read-only for a manager.
    expect(within(screen.getByTestId('communication-types')).queryByText('Block')).toBeNull();
  });

  it('switches a department’s CSAT survey after closure on, with If-Match', async () => {
    const setting = { department: 'first-line-north', csatEnabled: false, questionnaireId: 'csat', version: 0 };
    const sent = fakeApi((s) => {
      if (s.path === '/surveys/questionnaires')
        return json({
          items: [
            {
              id: 'csat',
              name: 'CSAT',
              title: { ru: 'Оцените', en: 'Rate us' },
              questions: [],
              status: 'active',
              version: 1,
              updatedBy: 'x',
              updatedAt: item.requestedAt,
            },
          ],
        });
      if (s.path.endsWith('/survey-setting') && s.method === 'PUT') return json({ ...setting, csatEnabled: true, version: 1, updatedBy: 'hd.manager.north' });
      if (s.path.endsWith('/survey-setting')) return json(setting);
      if (s.path === '/communication-types' || s.path === '/communication-channels') return json({ items: [] });
      return json({ department: 'first-line-north', preferences: [], rateLimits: [], access: 'full' });
    });
    const manager = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager' as const] };
    await renderScreen(<CommunicationSettingsScreen />, { principal: manager });
    const section = await screen.findByTestId('survey-setting');
    fireEvent.click(await within(section).findByLabelText('Send a CSAT survey after a request closes'));
    fireEvent.click(within(section).getByTestId('survey-setting-save'));
    await waitFor(() => expect(sent.some((s) => s.method === 'PUT')).toBe(true));
    expect(sent.find((s) => s.method === 'PUT')).toMatchObject({
      path: '/departments/first-line-north/survey-setting',
      ifMatch: '"0"',
      body: { csatEnabled: true, questionnaireId: 'csat' },
    });
    expect(await within(screen.getByTestId('survey-setting')).findByText('Last changed by hd.manager.north')).toBeTruthy();
  });
});
