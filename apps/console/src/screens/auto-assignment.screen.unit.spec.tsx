import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderScreen, operator } from '../../test/render';
import AutoAssignmentScreen from './auto-assignment.screen';

const manager = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager' as const] };

const north = {
  scope: { kind: 'department', key: 'first-line-north', name: 'first-line-north' },
  mode: 'off',
  maxOpenPerOperator: null,
  skills: {},
  version: 3,
  updatedBy: null,
  updatedAt: null,
  team: [
    { id: 'u-anna', name: 'Anna Volkova', presence: 'available', openItems: 2 },
    { id: 'u-ivan', name: 'Ivan Petrov', presence: 'away', openItems: 0 },
  ],
  services: [],
};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly ifMatch: string | null;
  readonly body: unknown;
}

function fakeApi(put: (sent: Sent) => Response): Sent[] {
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
    if (request.method === 'PUT') return put(call);
    return new Response(JSON.stringify({ items: [north] }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return sent;
}

describe('the automatic assignment screen', () => {
  it('shows each managed department with its team’s presence and saves the mode and limit with If-Match', async () => {
    const sent = fakeApi(
      () =>
        new Response(JSON.stringify({ ...north, mode: 'round-robin', maxOpenPerOperator: 5, version: 4 }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    await renderScreen(<AutoAssignmentScreen />, { principal: manager });
    const scope = await screen.findByTestId('auto-assignment-scope');
    const team = within(within(scope).getByTestId('auto-assignment-team'));
    expect(team.getByText('Anna Volkova').closest('tr')?.textContent).toBe('Anna VolkovaAvailable2');
    expect(team.getByText('Ivan Petrov').closest('tr')?.textContent).toBe('Ivan PetrovAway0');
    fireEvent.click(within(scope).getByText('Round robin'));
    fireEvent.change(within(scope).getByLabelText(/Open items per operator/), { target: { value: '5' } });
    fireEvent.click(within(scope).getByTestId('auto-assignment-save'));
    await waitFor(() => expect(sent.some((s) => s.method === 'PUT')).toBe(true));
    expect(sent.find((s) => s.method === 'PUT')).toEqual({
      method: 'PUT',
      path: '/auto-assignment/departments/first-line-north',
      ifMatch: '"3"',
      body: { mode: 'round-robin', maxOpenPerOperator: 5 },
    });
  });

  it('says the settings changed meanwhile on 409', async () => {
    fakeApi(
      () =>
        new Response(JSON.stringify({ status: 409, title: 'changed since you read it' }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    await renderScreen(<AutoAssignmentScreen />, { principal: manager });
    fireEvent.click(await screen.findByTestId('auto-assignment-save'));
    expect(await screen.findByTestId('conflict')).toBeInTheDocument();
  });

  it('is forbidden to someone who manages nobody', async () => {
    fakeApi(() => new Response(null, { status: 500 }));
    await renderScreen(<AutoAssignmentScreen />, { principal: operator });
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
  });

  it('renders in Russian', async () => {
    fakeApi(() => new Response(null, { status: 500 }));
    await renderScreen(<AutoAssignmentScreen />, { principal: manager, lng: 'ru' });
    expect(await screen.findByRole('heading', { name: 'Автоназначение' })).toBeInTheDocument();
    expect(await screen.findByText('На месте')).toBeInTheDocument();
  });
});
