import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import type { Principal } from '../../auth/principal';
import PortalNewRequestScreen from './portal-new-request.screen';

const anna: Principal = { userId: 'u-anna', username: 'resident.anna', name: 'Anna Volkova', roles: ['Resident'], departments: [], workGroups: [], sites: [] };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const me = {
  linked: true,
  client: { id: 'c-1', name: 'Anna Volkova' },
  units: [
    { unitId: 'u-45', label: 'Riverside, building 2, apt 45', siteSlug: 'riverside' },
    { unitId: 'u-p12', label: 'Riverside, parking 12', siteSlug: 'riverside' },
  ],
  ratingAvailable: false,
};

describe('the portal’s new request screen', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:preview');
    URL.revokeObjectURL = jest.fn();
  });

  it('uploads the photo once, then submits the request with its file id and one Idempotency-Key, both kept for a retry', async () => {
    const submissions: { body: Record<string, unknown>; key: string | null }[] = [];
    let uploads = 0;
    let failOnce = true;
    global.fetch = jest.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      const path = new URL(request.url).pathname;
      if (path === '/portal/me') return json(me);
      if (path === '/portal/files') return json({ fileId: `f-${++uploads}`, size: 4, contentType: 'image/jpeg' }, 201);
      if (path === '/portal/requests' && request.method === 'POST') {
        submissions.push({ body: (await request.json()) as Record<string, unknown>, key: request.headers.get('Idempotency-Key') });
        if (failOnce) {
          failOnce = false;
          return json({ type: 'about:blank', title: 'unavailable', status: 503 }, 503);
        }
        return json({ requestId: 'r-1', duplicate: true, position: null }, 201);
      }
      return json({}, 404);
    }) as typeof fetch;
    await renderScreen(<PortalNewRequestScreen />, {
      path: '/portal/new',
      route: '/portal/new',
      principal: anna,
      otherRoutes: { '/portal/requests/:id': <p>request card</p> },
    });

    // The picker stays disabled until GET /portal/me has brought the units; then one click opens it.
    await waitFor(() => expect(screen.getByTestId('unit-picker')).toBeEnabled(), { timeout: 10_000 });
    await userEvent.click(screen.getByTestId('unit-picker'));
    expect(await screen.findByRole('option', { name: 'Riverside, building 2, apt 45', hidden: true })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('option', { name: 'Riverside, building 2, apt 45', hidden: true }));
    await userEvent.type(screen.getByTestId('request-text'), 'Water drips');
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'leak.jpg', { type: 'image/jpeg' })] } });
    expect(await screen.findByTestId('photo-preview')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('request card')).toBeInTheDocument();

    await waitFor(() => expect(submissions).toHaveLength(2));
    expect(submissions[0].body).toEqual({ unitId: 'u-45', text: 'Water drips', fileIds: ['f-1'] });
    expect(submissions[0].key).toBeTruthy();
    expect(submissions[1]).toEqual(submissions[0]);
    expect(uploads).toBe(1);
  });
});
