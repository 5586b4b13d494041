import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { useLocation } from 'react-router';
import { renderScreen } from '../../test/render';
import type { ScreenPop } from '../api/models';
import type { OperatorEventsHandlers } from '../api/operator-events';
import { ScreenPops } from './screen-pops';

const requestId = '0b7e3c6a-1d2f-4c1b-9a35-7a7f00000009';
const ringing: ScreenPop = {
  callId: 'pbx-17',
  from: '+79161234567',
  to: '+74950000000',
  at: '2026-12-06T10:00:00Z',
  agent: 'hd.user.north',
  client: { id: '7c1e0000-0000-4000-8000-000000000001', name: 'Petrov Ivan Sergeevich', phone: '+79161234567' },
};

/** The event stream as the component sees it: the test pushes pops through the handlers it was given. */
function fakeStream() {
  const stream: { handlers?: OperatorEventsHandlers; stopped: boolean } = { stopped: false };
  const follow = (handlers: OperatorEventsHandlers) => {
    stream.handlers = handlers;
    handlers.onState?.('open');
    return () => {
      stream.stopped = true;
    };
  };
  return { stream, follow };
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{`${location.pathname}${location.search}`}</p>;
}

function answerRegistrations(...answers: Response[]) {
  const posts: string[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    if (request.method === 'POST') posts.push(new URL(request.url).pathname);
    return answers.shift() ?? new Response('{}', { status: 500 });
  }) as typeof fetch;
  return posts;
}
const json = (body: unknown, status: number, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('screen-pops', () => {
  it('shows a ringing call with the caller and a link to the client card', async () => {
    const { stream, follow } = fakeStream();
    await renderScreen(<ScreenPops follow={follow} />, { otherRoutes: { '/clients/:id': <Where /> } });
    expect(screen.getByTestId('operator-events')).toHaveAttribute('data-state', 'open');
    act(() => stream.handlers?.onPop?.(ringing));
    const pop = await screen.findByTestId('screen-pop');
    expect(pop).toHaveTextContent('Call from +79161234567');
    expect(within(pop).getByRole('link', { name: 'Petrov Ivan Sergeevich' })).toHaveAttribute('href', '/clients/7c1e0000-0000-4000-8000-000000000001');
  });

  it('says who calls when no client has the number, shows a call once however often it rings, and lets it be dismissed', async () => {
    const { stream, follow } = fakeStream();
    await renderScreen(<ScreenPops follow={follow} />);
    const stranger = { ...ringing, client: undefined };
    act(() => {
      stream.handlers?.onPop?.(stranger);
      stream.handlers?.onPop?.(stranger);
    });
    expect(await screen.findAllByTestId('screen-pop')).toHaveLength(1);
    expect(screen.getByText('No client has this number')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss the call' }));
    await waitFor(() => expect(screen.queryByTestId('screen-pop')).not.toBeInTheDocument());
  });

  it('registers a request from the call once it was taken, and opens it at the registration’s position', async () => {
    const posts = answerRegistrations(
      json({ type: 'https://switchboard.dev/problems/not-found', title: 'call not found', status: 404 }, 404, 'application/problem+json'),
      json({ requestId, registered: true, position: '000000000000a:7' }, 200),
    );
    const { stream, follow } = fakeStream();
    await renderScreen(<ScreenPops follow={follow} />, { otherRoutes: { '/requests/:id': <Where /> } });
    act(() => stream.handlers?.onPop?.(ringing));
    const register = await screen.findByRole('button', { name: 'Register a request from this call' });
    await userEvent.click(register);
    expect(await screen.findByText(/Take the call first/)).toBeInTheDocument();
    await userEvent.click(register);
    expect(await screen.findByTestId('where')).toHaveTextContent(`/requests/${requestId}?minPosition=000000000000a%3A7`);
    expect(posts).toEqual(['/calls/pbx-17/request', '/calls/pbx-17/request']);
    expect(screen.queryByTestId('screen-pop')).not.toBeInTheDocument();
  });

  it('stops following the stream when the operator leaves', async () => {
    const { stream, follow } = fakeStream();
    const { unmount } = await renderScreen(<ScreenPops follow={follow} />);
    unmount();
    expect(stream.stopped).toBe(true);
  });
});
