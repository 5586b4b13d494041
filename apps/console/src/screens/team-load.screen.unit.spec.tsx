import { screen, within } from '@testing-library/react';
import { renderScreen, operator } from '../../test/render';
import { RuntimeConfigContext } from '../config/runtime-config-context';
import TeamLoadScreen from './team-load.screen';

const manager = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager' as const] };

function answer(body: unknown) {
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const directory = new URL((input as Request).url).pathname === '/directory/users';
    return new Response(JSON.stringify(directory ? { items: [] } : body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

const screenWithGrafana = (grafanaUrl: string | null) => (
  <RuntimeConfigContext.Provider
    value={{ authority: 'http://localhost/dev-idp/realms/switchboard', clientId: 'switchboard-console', identityProvider: 'development', grafanaUrl }}
  >
    <TeamLoadScreen />
  </RuntimeConfigContext.Provider>
);

describe('the team load board', () => {
  it('shows the open requests per assignee as the API counts them, unassigned first, with the oldest one’s age and links', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    answer({
      requests: [
        { assigneeId: null, assigneeName: null, open: 3, oldestId: 'r-9', oldestCreatedAt: twoHoursAgo, presence: null },
        { assigneeId: 'u-anna', assigneeName: 'Anna Volkova', open: 2, oldestId: 'r-1', oldestCreatedAt: new Date().toISOString(), presence: 'available' },
      ],
      incidents: null,
    });
    await renderScreen(screenWithGrafana('https://grafana.example.org/'), { principal: manager });
    const table = await screen.findByTestId('team-load-requests');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringMatching(/^Unassigned—3/), expect.stringMatching(/^Anna VolkovaAvailable2/)]);
    expect(within(rows[0]).getByRole('link', { name: 'Unassigned' })).toHaveAttribute('href', '/requests?assignee=none');
    expect(within(rows[0]).getAllByRole('link')[1]).toHaveAttribute('href', '/requests/r-9');
    expect(within(rows[0]).getAllByRole('link')[1].textContent).toMatch(/2/);
    expect(screen.queryByTestId('team-load-incidents')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Team board in Grafana' })).toHaveAttribute('href', 'https://grafana.example.org/d/switchboard-team-board');
  });

  it('is forbidden to someone who manages nobody', async () => {
    answer({ requests: null, incidents: null });
    await renderScreen(screenWithGrafana(null), { principal: operator });
    expect(await screen.findByTestId('forbidden')).toBeInTheDocument();
  });
});
