import { followOperatorEvents } from './operator-events';
import type { EventsState } from './operator-events';

/** An EventSource the test drives: events in, errors in, whether it was closed. */
class FakeSource {
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
}

describe('following the operator’s event stream', () => {
  let tickets = 0;
  beforeEach(() => {
    tickets = 0;
    global.fetch = jest.fn(async () => {
      tickets += 1;
      return new Response(JSON.stringify({ ticket: `t${tickets}`, expiresAt: '2026-12-06T10:00:30Z', url: `/me/events?ticket=t${tickets}` }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
  });

  const until = async (condition: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('opens the stream with a fresh ticket and hands each screen-pop over', async () => {
    const sources: FakeSource[] = [];
    const pops: unknown[] = [];
    const states: EventsState[] = [];
    const stop = followOperatorEvents({ onPop: (pop) => pops.push(pop), onState: (s) => states.push(s) }, (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    });
    await until(() => sources.length === 1);
    expect(sources[0].url).toBe('http://localhost/me/events?ticket=t1');
    sources[0].emit('ready', '{}');
    sources[0].emit('screen-pop', JSON.stringify({ callId: 'c-1', from: '+79161234567', to: '+74950000000', at: '2026-12-06T10:00:00Z' }));
    sources[0].emit('screen-pop', 'not json');
    expect(pops).toEqual([expect.objectContaining({ callId: 'c-1' })]);
    expect(states).toEqual(['connecting', 'open']);
    stop();
    expect(sources[0].closed).toBe(true);
  });

  it('reconnects after an error with a new ticket, never with the used one', async () => {
    const sources: FakeSource[] = [];
    const stop = followOperatorEvents({ onPop: () => undefined }, (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    });
    await until(() => sources.length === 1);
    sources[0].fail();
    expect(sources[0].closed).toBe(true);
    await until(() => sources.length === 2);
    expect(sources.map((s) => new URL(s.url).searchParams.get('ticket'))).toEqual(['t1', 't2']);
    stop();
  });

  it('stops trying once stopped', async () => {
    const sources: FakeSource[] = [];
    const stop = followOperatorEvents({ onPop: () => undefined }, (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    });
    await until(() => sources.length === 1);
    sources[0].fail();
    stop();
    await new Promise((r) => setTimeout(r, 1_300));
    expect(sources).toHaveLength(1);
  });
});
