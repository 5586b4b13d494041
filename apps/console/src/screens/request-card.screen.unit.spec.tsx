import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import type { RequestAction, RequestDetail, RequestState } from '../api/models';
import RequestCardScreen from './request-card.screen';

const id = '0b7e3c6a-1d2f-4c1b-9a35-7a7f00000001';

// What the API answers in `allowedActions` to the request's assignee without a linked client.
const actionsIn: Record<RequestState, RequestAction[]> = {
  NEW: ['assign', 'link-client', 'reply', 'close'],
  IN_PROGRESS: ['assign', 'link-client', 'reply', 'escalate', 'close'],
  ESCALATED: ['assign', 'link-client', 'reply'],
  CLOSED: [],
};

function detail(patch: Partial<RequestDetail> = {}): RequestDetail {
  return {
    allowedActions: actionsIn[patch.state ?? 'IN_PROGRESS'],
    id,
    revision: 3,
    state: 'IN_PROGRESS',
    priority: 'P3',
    channel: 'telegram',
    contact: { address: '777001', displayName: 'Ivan' },
    subject: 'Router keeps rebooting',
    department: 'first-line-north',
    routingRule: null,
    tags: [],
    assigneeId: '5b0a0000-0000-4000-8000-000000000111',
    client: null,
    clientId: null,
    order: null,
    service: null,
    workGroup: null,
    incident: null,
    lastMessage: null,
    messageCount: 2,
    previousRequestId: null,
    closedReason: null,
    createdAt: '2026-12-01T09:00:00Z',
    updatedAt: '2026-12-01T09:05:00Z',
    closedAt: null,
    sla: null,
    access: 'full',
    conversation: [
      {
        revision: 0,
        kind: 'inbound',
        messageId: 'tg-1',
        channel: 'telegram',
        text: 'My router reboots every hour',
        attachments: [{ kind: 'photo', fileId: 'AgAD', name: 'router.jpg' }],
        by: 'channel:telegram',
        byName: 'Telegram',
        at: '2026-12-01T09:00:00Z',
        delivery: null,
      },
      {
        revision: 2,
        kind: 'reply',
        messageId: 'r-1',
        channel: 'telegram',
        text: 'Please unplug it for a minute',
        attachments: [],
        by: '5b0a0000-0000-4000-8000-000000000111',
        byName: 'Anna Volkova',
        at: '2026-12-01T09:05:00Z',
        delivery: { state: 'failed', reason: 'chat not found', at: '2026-12-01T09:05:03Z' },
      },
    ],
    statusHistory: [
      {
        entityType: 'request',
        entityId: id,
        revision: 0,
        eventType: 'RequestRegistered',
        from: null,
        to: 'NEW',
        by: 'channel:telegram',
        byName: 'Telegram',
        at: '2026-12-01T09:00:00Z',
      },
      {
        entityType: 'request',
        entityId: id,
        revision: 1,
        eventType: 'RequestAssigned',
        from: 'NEW',
        to: 'IN_PROGRESS',
        by: '5b0a0000-0000-4000-8000-000000000101',
        byName: 'Nikolai Orlov',
        at: '2026-12-01T09:01:00Z',
      },
    ],
    history: [
      {
        revision: 0,
        eventType: 'RequestRegistered',
        from: null,
        to: 'NEW',
        assigneeId: null,
        assigneeName: null,
        department: 'first-line-north',
        previousDepartment: null,
        reason: null,
        assignedBy: null,
        priority: null,
        previousPriority: null,
        by: 'channel:telegram',
        byName: 'Telegram',
        at: '2026-12-01T09:00:00Z',
      },
      {
        revision: 1,
        eventType: 'RequestAssigned',
        from: 'NEW',
        to: 'IN_PROGRESS',
        assigneeId: '5b0a0000-0000-4000-8000-000000000222',
        assigneeName: 'Pavel Lebedev',
        department: null,
        previousDepartment: null,
        reason: null,
        assignedBy: 'round-robin',
        priority: null,
        previousPriority: null,
        by: 'system:auto-assignment',
        byName: 'system:auto-assignment',
        at: '2026-12-01T09:01:00Z',
      },
      {
        revision: 2,
        eventType: 'RequestPrioritySet',
        from: null,
        to: null,
        assigneeId: null,
        assigneeName: null,
        department: null,
        previousDepartment: null,
        reason: null,
        assignedBy: null,
        priority: 'P1',
        previousPriority: 'P3',
        by: '5b0a0000-0000-4000-8000-000000000101',
        byName: 'Nikolai Orlov',
        at: '2026-12-01T09:02:00Z',
      },
    ],
    incidents: [],
    ...patch,
  };
}

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** The API as far as this card talks to it: answers in order, every call recorded. */
function fakeApi(answers: ((call: Recorded) => Response | undefined)[]) {
  const calls: Recorded[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = request.method === 'GET' ? '' : await request.text();
    const call = { method: request.method, url: new URL(request.url), headers: request.headers, body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    for (const answer of answers) {
      const response = answer(call);
      if (response) return response;
    }
    return new Response(JSON.stringify({ status: 404 }), { status: 404, headers: { 'content-type': 'application/problem+json' } });
  }) as typeof fetch;
  return calls;
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the request card', () => {
  it('shows the request, its conversation with delivery outcomes and attachments, and its history', async () => {
    fakeApi([(c) => (c.method === 'GET' && c.url.pathname === `/requests/${id}` ? json(detail(), 200, { etag: '"3"' }) : undefined)]);
    await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}` });
    expect(await screen.findByRole('heading', { name: 'Router keeps rebooting' })).toBeInTheDocument();
    expect(screen.getByText('My router reboots every hour')).toBeInTheDocument();
    expect(screen.getByText('Photo: router.jpg')).toBeInTheDocument();
    expect(screen.getByText('Not delivered: chat not found')).toBeInTheDocument();
    const history = within(screen.getByTestId('status-history'));
    expect(history.getByText('New → In progress')).toBeInTheDocument();
    // People by name: the author and the assignee of the assignment.
    expect(history.getByText('Nikolai Orlov')).toBeInTheDocument();
    expect(history.getByText('Pavel Lebedev')).toBeInTheDocument();
    // How it was assigned, and the priority change, each a line of the history.
    expect(history.getByText(/assigned by round robin/)).toBeInTheDocument();
    expect(history.getByText('Priority P3 → P1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Escalate' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Link order' })).not.toBeInTheDocument();
  });

  it('sends a command with If-Match and Idempotency-Key, and on 409 shows the new state and reloads in one click', async () => {
    let stored = detail();
    const calls = fakeApi([
      (c) => (c.method === 'GET' && c.url.pathname === `/requests/${id}` ? json(stored, 200, { etag: `"${stored.revision}"` }) : undefined),
      (c) => {
        if (c.method !== 'POST') return undefined;
        // Someone escalated it in the meantime.
        stored = detail({ state: 'ESCALATED', revision: 4 });
        return json(
          { type: 'https://switchboard.dev/problems/conflict', title: 'changed since you read it', status: 409, current: { state: 'ESCALATED', revision: 4 } },
          409,
        );
      },
    ]);
    await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}` });
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await userEvent.type(await screen.findByLabelText(/Reason/), 'Duplicate of another request');
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));

    const conflict = await screen.findByTestId('conflict');
    expect(conflict).toHaveTextContent('Changed by someone else');
    expect(conflict).toHaveTextContent('it is now Escalated');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url.pathname).toBe(`/requests/${id}/close`);
    expect(post?.headers.get('if-match')).toBe('"3"');
    expect(post?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(post?.body).toEqual({ reason: 'Duplicate of another request' });

    await userEvent.click(within(conflict).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByTestId('request-card')).toHaveAttribute('data-state', 'ESCALATED'));
    expect(screen.queryByTestId('conflict')).not.toBeInTheDocument();
    // Escalated: closing is no longer offered, and the dialog does not come back.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Close' })).not.toBeInTheDocument());
  });

  it('reads its own write: after a reply it asks for the request at the reply’s position', async () => {
    const calls = fakeApi([
      (c) =>
        c.method === 'GET' && c.url.pathname === `/requests/${id}`
          ? json(c.url.searchParams.get('minPosition') ? detail({ revision: 4 }) : detail(), 200)
          : undefined,
      (c) =>
        c.method === 'POST' && c.url.pathname.endsWith('/reply') ? json({ id, position: '0000000000000a:42', revision: 4 }, 202, { etag: '"4"' }) : undefined,
    ]);
    await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}` });
    await userEvent.type(await screen.findByLabelText('Reply to the client'), 'Fixed now');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'GET' && c.url.searchParams.get('minPosition') === '0000000000000a:42')).toBe(true));
    await waitFor(() => expect(screen.getByTestId('request-card')).toHaveAttribute('data-revision', '4'));
    expect(screen.getByLabelText('Reply to the client')).toHaveValue('');
  });

  it('offers exactly the actions the API allows now, and none when it allows none', async () => {
    fakeApi([(c) => (c.method === 'GET' && c.url.pathname === `/requests/${id}` ? json(detail({ allowedActions: ['reply'] })) : undefined)]);
    const { unmount } = await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}` });
    expect(await screen.findByLabelText('Reply to the client')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Assign' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close' })).not.toBeInTheDocument();
    unmount();
    fakeApi([(c) => (c.method === 'GET' && c.url.pathname === `/requests/${id}` ? json(detail({ access: 'read', allowedActions: [] })) : undefined)]);
    await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}` });
    expect(await screen.findByText('Nothing to do here now.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Reply to the client')).not.toBeInTheDocument();
  });

  it('shows "not found" for a request outside the operator’s scope', async () => {
    fakeApi([]);
    await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}` });
    expect(await screen.findByTestId('not-found')).toHaveTextContent('Not found');
  });

  it('renders in Russian', async () => {
    fakeApi([(c) => (c.method === 'GET' && c.url.pathname === `/requests/${id}` ? json(detail()) : undefined)]);
    await renderScreen(<RequestCardScreen />, { path: '/requests/:id', route: `/requests/${id}`, lng: 'ru' });
    expect(await screen.findByRole('button', { name: 'Эскалировать' })).toBeInTheDocument();
    expect(screen.getByText('Не доставлено: chat not found')).toBeInTheDocument();
  });
});
