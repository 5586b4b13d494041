import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { operator, renderScreen } from '../../test/render';
import type { Principal } from '../auth/principal';
import MailingCardScreen from './mailing-card.screen';
import MailingsScreen from './mailings.screen';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  readonly body: unknown;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeApi(answer: (sent: Sent) => Response): Sent[] {
  const sent: Sent[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = request.method === 'GET' ? '' : await request.text();
    const call = {
      method: request.method,
      path: new URL(request.url).pathname,
      idempotencyKey: request.headers.get('Idempotency-Key'),
      body: text ? JSON.parse(text) : undefined,
    };
    sent.push(call);
    return answer(call);
  }) as typeof fetch;
  return sent;
}

const manager: Principal = { ...operator, username: 'hd.manager.north', roles: ['HelpDeskManager'] };
const id = '0b6c3f9e-1f0e-4c7a-9d5e-00000000aa01';
const summary = {
  id,
  name: 'Planned water outage',
  department: 'first-line-north',
  status: 'RUNNING',
  templateId: 'outage',
  communicationType: 'mass',
  perMinute: 600,
  recipients: 10_000,
  createdBy: 'hd.manager.north',
  createdAt: '2026-12-07T10:00:00.000Z',
};
const progress = { total: 10_000, pending: 7_500, queued: 2_000, sent: 400, delivered: 100, failed: 0, blocked: 0, cancelled: 0, skipped: 0 };
const card = {
  ...summary,
  audience: { tags: { match: 'any', values: ['vip'] } },
  revision: 1,
  progress,
  recipientsPage: { items: [{ clientId: '7c1e0000-0000-4000-8000-000000000001', seq: 1, status: 'DELIVERED', communicationId: id }] },
};
const template = {
  id: 'outage',
  name: 'Water outage',
  communicationType: 'mass',
  bodies: { ru: 'Отключение воды {{date}}', en: 'Water outage on {{date}}' },
  version: 1,
};

describe('the mailings screens', () => {
  it('is not for operators', async () => {
    fakeApi(() => json({ items: [] }));
    await renderScreen(<MailingsScreen />, { principal: operator });
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
  });

  it('lists the mailings in Russian and creates one with its audience, template preview and throttle, with an Idempotency-Key', async () => {
    const sent = fakeApi((s) => {
      if (s.path === '/mailings' && s.method === 'POST') return json({ ...card, status: 'DRAFT' }, 201);
      if (s.path === '/mailings') return json({ items: [summary] });
      if (s.path === '/communication-templates') return json({ items: [template] });
      if (s.path === '/communication-types') return json({ items: [] });
      if (s.path.endsWith('/preview')) return json({ text: 'Отключение воды 8 декабря', language: 'ru', fellBack: false });
      return json({});
    });
    await renderScreen(<MailingsScreen />, { principal: manager, lng: 'ru', otherRoutes: { '/mailings/:id': <div data-testid="went-to-card" /> } });
    const table = await screen.findByTestId('mailing-table');
    expect(within(table).getByText('Planned water outage').closest('tr')?.textContent).toContain('Идёт');

    fireEvent.click(screen.getByTestId('mailing-new'));
    fireEvent.change(await screen.findByTestId('mailing-name'), { target: { value: 'Outage' } });
    fireEvent.change(screen.getByTestId('mailing-audience-department'), { target: { value: 'first-line-north' } });
    await userEvent.click(screen.getByTestId('mailing-template'));
    await userEvent.click(await screen.findByRole('option', { name: 'Water outage', hidden: true }));
    fireEvent.change(await screen.findByLabelText('{{date}}'), { target: { value: '8 декабря' } });
    expect(await within(await screen.findByTestId('mailing-preview')).findByText('Отключение воды 8 декабря')).toBeTruthy();
    fireEvent.change(screen.getByTestId('mailing-per-minute'), { target: { value: '1200' } });
    fireEvent.click(screen.getByTestId('mailing-submit'));
    await waitFor(() => expect(sent.some((s) => s.method === 'POST' && s.path === '/mailings')).toBe(true));
    const post = sent.find((s) => s.method === 'POST' && s.path === '/mailings');
    expect(post?.body).toMatchObject({
      name: 'Outage',
      department: 'first-line-north',
      audience: { department: 'first-line-north' },
      templateId: 'outage',
      variables: { date: '8 декабря' },
      communicationType: 'mass',
      perMinute: 1200,
    });
    expect(post?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByTestId('went-to-card')).toBeTruthy();
  });

  it('sends a building-wide notice to the residents of a building chosen from the sites', async () => {
    const site = '5a7e0000-0000-4000-8000-000000000001';
    const building = '5a7e0000-0000-4000-8000-000000000002';
    const sent = fakeApi((s) => {
      if (s.path === '/mailings' && s.method === 'POST') return json({ ...card, status: 'DRAFT' }, 201);
      if (s.path === '/mailings') return json({ items: [] });
      if (s.path === '/communication-templates') return json({ items: [template] });
      if (s.path === '/communication-types') return json({ items: [] });
      if (s.path === '/sites')
        return json({ items: [{ id: site, slug: 'river-park', name: 'River Park', address: '', version: 1, buildings: 1, units: 600 }] });
      if (s.path === `/sites/${site}/buildings`)
        return json({ items: [{ id: building, siteId: site, name: 'House 1', address: '', version: 1, entrances: 6, units: 600 }] });
      if (s.path.endsWith('/preview')) return json({ text: 'Water off', language: 'ru', fellBack: false });
      return json({});
    });
    await renderScreen(<MailingsScreen />, { principal: manager, otherRoutes: { '/mailings/:id': <div data-testid="went-to-card" /> } });
    fireEvent.click(await screen.findByTestId('mailing-new'));
    fireEvent.change(await screen.findByTestId('mailing-name'), { target: { value: 'Water off on Monday' } });
    expect(sent.some((s) => s.path === '/sites')).toBe(false);
    fireEvent.click(screen.getByTestId('mailing-audience-estate'));
    await userEvent.click(screen.getByTestId('mailing-audience-site'));
    await userEvent.click(await screen.findByRole('option', { name: 'River Park', hidden: true }));
    await userEvent.click(screen.getByTestId('mailing-audience-building'));
    await userEvent.click(await screen.findByRole('option', { name: 'House 1', hidden: true }));
    await userEvent.click(screen.getByTestId('mailing-template'));
    await userEvent.click(await screen.findByRole('option', { name: 'Water outage', hidden: true }));
    fireEvent.change(await screen.findByLabelText('{{date}}'), { target: { value: 'Monday' } });
    fireEvent.click(screen.getByTestId('mailing-submit'));
    await waitFor(() => expect(sent.some((s) => s.method === 'POST' && s.path === '/mailings')).toBe(true));
    expect(sent.find((s) => s.method === 'POST' && s.path === '/mailings')?.body).toMatchObject({ audience: { estate: { buildingId: building } } });
  });

  it('shows a running mailing’s progress and cancels it', async () => {
    const sent = fakeApi((s) =>
      s.method === 'POST' ? json({ ...card, status: 'CANCELLED', progress: { ...progress, pending: 0, cancelled: 7_500 } }) : json(card),
    );
    await renderScreen(<MailingCardScreen />, { principal: manager, path: '/mailings/:id', route: `/mailings/${id}` });
    expect((await screen.findByTestId('mailing-progress-text')).textContent).toBe('2500 of 10000 (25%)');
    expect(screen.getByTestId('mailing-count-delivered').textContent).toBe('100');
    expect(within(screen.getByTestId('mailing-recipients')).getByText('Delivered')).toBeTruthy();
    expect(screen.getByText('With tags (any of them): vip')).toBeTruthy();
    fireEvent.click(screen.getByTestId('mailing-cancel'));
    await waitFor(() => expect(screen.getByTestId('mailing-status').textContent).toBe('Cancelled'));
    expect(sent.find((s) => s.method === 'POST')).toMatchObject({ path: `/mailings/${id}/cancel` });
    expect(screen.getByTestId('mailing-count-cancelled').textContent).toBe('7500');
  });
});
