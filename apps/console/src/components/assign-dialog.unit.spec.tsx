import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import type { DirectoryUser } from '../api/models';
import { AssignDialog } from './assign-dialog';
import { helpDeskOf, l3Engineers } from './user-picker';

const person = (
  id: string,
  username: string,
  displayName: string,
  roles: DirectoryUser['roles'],
  departments: string[] = [],
  workGroups: string[] = [],
): DirectoryUser => ({
  id,
  username,
  displayName,
  roles,
  departments,
  workGroups,
  groups: [...departments.map((d) => `/departments/${d}`), ...workGroups.map((w) => `/work-groups/${w}`)],
});

const directory = [
  person('u-anna', 'hd.user.north', 'Anna Volkova', ['HelpDeskUser'], ['first-line-north']),
  person('u-pavel', 'hd.user.north2', 'Pavel Lebedev', ['HelpDeskUser'], ['first-line-north']),
  person('u-dmitry', 'hd.user.south', 'Dmitry Kozlov', ['HelpDeskUser'], ['first-line-south']),
  person('u-maxim', 'l3.user.network', 'Maxim Popov', ['SL3User'], [], ['network-l3']),
];

beforeEach(() => {
  global.fetch = jest.fn(async (input: RequestInfo | URL) =>
    new URL((input as Request).url).pathname === '/directory/users'
      ? new Response(JSON.stringify({ items: directory }), { status: 200, headers: { 'content-type': 'application/json' } })
      : new Response('{}', { status: 404 }),
  ) as typeof fetch;
});

describe('the assign dialog', () => {
  it('offers the help-desk operators of the request’s department from the directory and assigns the one picked, by id', async () => {
    const onAssign = jest.fn();
    await renderScreen(
      <AssignDialog
        opened
        canAssignSelf
        candidates={helpDeskOf('first-line-north')}
        pending={false}
        error={null}
        onClose={() => undefined}
        onAssign={onAssign}
      />,
    );
    const picker = await screen.findByLabelText(/Assignee/, { selector: 'input' });
    expect(screen.getByRole('button', { name: 'Assign' })).toBeDisabled();
    await userEvent.click(picker);
    await waitFor(() =>
      expect(screen.getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual([
        'Anna Volkova (hd.user.north)',
        'Pavel Lebedev (hd.user.north2)',
      ]),
    );
    await userEvent.type(picker, 'Pav');
    await userEvent.click(await screen.findByRole('option', { name: 'Pavel Lebedev (hd.user.north2)', hidden: true }));
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect(onAssign).toHaveBeenCalledWith('u-pavel');
  });

  it('offers L3 engineers for an incident, and "assign to me"', async () => {
    const onAssign = jest.fn();
    await renderScreen(
      <AssignDialog opened canAssignSelf candidates={l3Engineers} pending={false} error={null} onClose={() => undefined} onAssign={onAssign} />,
    );
    await userEvent.click(await screen.findByLabelText(/Assignee/, { selector: 'input' }));
    await waitFor(() => expect(screen.getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual(['Maxim Popov (l3.user.network)']));
    await userEvent.click(screen.getByTestId('assign-to-me'));
    expect(onAssign).toHaveBeenCalledWith('5b0a0000-0000-4000-8000-000000000111');
  });
});
