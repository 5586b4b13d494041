import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import ClientsScreen from './clients.screen';

const hit = (n: number) => ({
  source: 'ours',
  id: `7c1e0000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  lastName: 'Petrov',
  firstName: `Ivan${n}`,
  phone: `+7916000${String(n).padStart(4, '0')}`,
});
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('the clients screen', () => {
  it('says how many clients match, "more than 1,000" past the cap, and loads further pages by cursor', async () => {
    const cursors: (string | null)[] = [];
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = new URL((input as Request).url);
      const cursor = url.searchParams.get('cursor');
      cursors.push(cursor);
      if (url.searchParams.get('q') === 'petrov') {
        return cursor === 'next-1'
          ? json({ items: [hit(3)], page: 1, pageSize: 20, total: '1000+', nextCursor: null, partial: false })
          : json({ items: [hit(1), hit(2)], page: 1, pageSize: 20, total: '1000+', nextCursor: 'next-1', partial: false });
      }
      return json({ items: [hit(9)], page: 1, pageSize: 20, total: 1, nextCursor: null, partial: false });
    }) as typeof fetch;
    await renderScreen(<ClientsScreen />, { path: '/clients', route: '/clients' });

    await userEvent.type(screen.getByRole('searchbox', { name: /Search/ }), 'petrov');
    expect(await screen.findByText('More than 1,000 clients found: add a word to narrow the search')).toBeInTheDocument();
    expect(screen.getByText('Petrov Ivan2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Petrov Ivan3')).toBeInTheDocument();
    expect(cursors).toContain('next-1');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument());

    await userEvent.clear(screen.getByRole('searchbox', { name: /Search/ }));
    await userEvent.type(screen.getByRole('searchbox', { name: /Search/ }), 'sidorov');
    expect(await screen.findByText('1 client found')).toBeInTheDocument();
  });
});
