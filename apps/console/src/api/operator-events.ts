import { call } from './client';
import type { ScreenPop } from './models';

/** Where the operator's event stream stands: `open` once the API has subscribed it. */
export type EventsState = 'connecting' | 'open' | 'retrying';

/** Someone else assigned the operator a request or incident (the `assigned` event). */
export interface AssignedNotice {
  readonly kind: 'request' | 'incident';
  readonly id: string;
  readonly eventId: string;
}

export interface OperatorEventsHandlers {
  readonly onPop?: (pop: ScreenPop) => void;
  readonly onAssigned?: (notice: AssignedNotice) => void;
  /** An item the manager manages breached its SLA (the `sla-breached` event). */
  readonly onSlaBreached?: (notice: AssignedNotice) => void;
  readonly onState?: (state: EventsState) => void;
}

/** What the stream needs of the browser's EventSource (replaced in component tests). */
export interface EventStream {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
  onerror: ((event: Event) => void) | null;
}
export type EventSourceFactory = (url: string) => EventStream;

/** A ticket for one connection (POST /me/events/ticket, with the bearer token): EventSource cannot send a header. */
async function ticketUrl(): Promise<string> {
  return (await call('POST', '/me/events/ticket', { body: {} })).data.url;
}

/** An event's JSON data; undefined for data that is not JSON (nothing to show). */
function parsed<T>(event: MessageEvent<string>): T | undefined {
  try {
    return JSON.parse(event.data) as T;
  } catch {
    return undefined;
  }
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Follows the operator's event stream (GET /me/events), one per tab, and hands each screen-pop and
 * assignment notice over (a notice seen before a reconnection is not handed over again). Every
 * (re)connection asks for a fresh ticket: a ticket opens one stream only, so EventSource's own
 * retry with the used URL would get 401 — on any error the source is closed and a new ticket is
 * asked for, after a growing pause. Returns the function that stops it all.
 */
export function followOperatorEvents(handlers: OperatorEventsHandlers, open: EventSourceFactory = (url) => new EventSource(url)): () => void {
  let stopped = false;
  let source: EventStream | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const seen = new Set<string>();

  const retry = () => {
    if (stopped) return;
    handlers.onState?.('retrying');
    timer = setTimeout(() => void connect(), RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]);
    failures += 1;
  };

  const connect = async () => {
    handlers.onState?.('connecting');
    let url: string;
    try {
      url = await ticketUrl();
    } catch {
      retry();
      return;
    }
    if (stopped) return;
    const current = open(new URL(url, window.location.origin).toString());
    source = current;
    current.addEventListener('ready', () => {
      failures = 0;
      handlers.onState?.('open');
    });
    current.addEventListener('screen-pop', (event) => {
      const pop = parsed<ScreenPop>(event);
      if (pop) handlers.onPop?.(pop);
    });
    current.addEventListener('assigned', (event) => {
      const notice = parsed<AssignedNotice>(event);
      if (!notice || seen.has(notice.eventId)) return;
      seen.add(notice.eventId);
      handlers.onAssigned?.(notice);
    });
    current.addEventListener('sla-breached', (event) => {
      const notice = parsed<AssignedNotice>(event);
      if (!notice || seen.has(notice.eventId)) return;
      seen.add(notice.eventId);
      handlers.onSlaBreached?.(notice);
    });
    current.onerror = () => {
      current.close();
      if (source === current) source = null;
      retry();
    };
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
