import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { operator, renderScreen } from '../../test/render';
import ApiKeysScreen from './api-keys.screen';

const admin = { ...operator, username: 'comms.admin', roles: ['CommunicationsAdmin' as const] };

const billing = {
  id: 'sbk_0123456789abcdef',
  name: 'Billing',
  scopes: ['communications:write', 'communications:read'],
  departments: ['first-line-north'],
  rateLimitPerMinute: 60,
  status: 'active',
  createdBy: 'comms.admin',
  createdAt: '2026-12-07T00:00:00Z',
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The admin API as the screen sees it: a list, an issue that answers a secret, a rotation, a revocation; it records what it was sent. */
function fakeApi(): { method: string; path: string; body?: unknown }[] {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const keys = [billing];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    const text = request.method === 'POST' ? await request.text() : '';
    calls.push({ method: request.method, path, ...(text ? { body: JSON.parse(text) as unknown } : {}) });
    if (request.method === 'GET' && path === '/api-keys') return json({ items: keys });
    if (request.method === 'POST' && path === '/api-keys') {
      const body = JSON.parse(text) as typeof billing;
      const key = { ...billing, ...body, id: 'sbk_fedcba9876543210' };
      keys.unshift(key);
      return json({ key, secret: 'the-secret-shown-once-1234567890', authorization: `ApiKey ${key.id}:the-secret-shown-once-1234567890` }, 201);
    }
    if (request.method === 'POST' && path === `/api-keys/${billing.id}/rotate`)
      return json({ key: billing, secret: 'a-rotated-secret-0987654321', authorization: `ApiKey ${billing.id}:a-rotated-secret-0987654321` });
    if (request.method === 'POST' && path === `/api-keys/${billing.id}/revoke`) return json({ ...billing, status: 'revoked' });
    return json({ status: 404, title: 'not found' }, 404);
  }) as typeof fetch;
  return calls;
}

describe('the API keys screen', () => {
  it('issues a key with its scopes, departments and limit, and shows the secret once with a copy button', async () => {
    const calls = fakeApi();
    await renderScreen(<ApiKeysScreen />, { principal: admin });
    const row = await screen.findByTestId('api-key-row');
    expect(within(row).getByText('Billing')).toBeTruthy();
    expect(within(row).getByText('sbk_0123456789abcdef')).toBeTruthy();
    expect(within(row).getByText('Send communications')).toBeTruthy();

    fireEvent.click(screen.getByText('New API key'));
    fireEvent.change(await screen.findByLabelText(/^Name/), { target: { value: 'CRM' } });
    fireEvent.click(screen.getByLabelText('Manage webhooks'));
    fireEvent.change(screen.getByLabelText(/^Departments/), { target: { value: 'first-line-south, first-line-north' } });
    fireEvent.click(screen.getByText('Issue the key'));

    const header = await screen.findByTestId('api-key-authorization');
    expect(header.textContent).toBe('ApiKey sbk_fedcba9876543210:the-secret-shown-once-1234567890');
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    expect(screen.getByText('Copy')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST' && c.path === '/api-keys')?.body).toEqual({
      name: 'CRM',
      scopes: ['communications:write', 'communications:read', 'webhooks:manage'],
      departments: ['first-line-south', 'first-line-north'],
      rateLimitPerMinute: 60,
    });
    fireEvent.click(screen.getByText('Done'));
    await waitFor(() => expect(screen.queryByTestId('api-key-authorization')).toBeNull());
  });

  it('rotates a key keeping the old secret for a day, and revokes one after asking', async () => {
    const calls = fakeApi();
    await renderScreen(<ApiKeysScreen />, { principal: admin });
    const row = await screen.findByTestId('api-key-row');
    fireEvent.click(within(row).getByText('Rotate, keep old 24 h'));
    expect((await screen.findByTestId('api-key-authorization')).textContent).toContain('a-rotated-secret-0987654321');
    expect(calls.find((c) => c.path.endsWith('/rotate'))?.body).toEqual({ graceSeconds: 86_400 });
    fireEvent.click(screen.getByText('Done'));
    window.confirm = jest.fn(() => true);
    fireEvent.click(within(await screen.findByTestId('api-key-row')).getByText('Revoke'));
    await waitFor(() => expect(calls.some((c) => c.path === `/api-keys/${billing.id}/revoke`)).toBe(true));
  });

  it('speaks Russian', async () => {
    fakeApi();
    await renderScreen(<ApiKeysScreen />, { principal: admin, lng: 'ru' });
    expect(await screen.findByText('API-ключи')).toBeTruthy();
    expect(await screen.findByText('Отправка коммуникаций')).toBeTruthy();
  });

  it('is forbidden to anyone but CommunicationsAdmin', async () => {
    fakeApi();
    await renderScreen(<ApiKeysScreen />, { principal: { ...operator, roles: ['HelpDeskManager'] } });
    expect(await screen.findByText(/not allowed|forbidden/i)).toBeTruthy();
  });
});
