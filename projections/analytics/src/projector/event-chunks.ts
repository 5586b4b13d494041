import type { RecordedEvent } from '@switchboard/eventstore';

export interface Chunk {
  readonly events: RecordedEvent[];
  /** The source has no more events (readAll finished, or the subscription was stopped). */
  readonly ended: boolean;
}

const TIMED_OUT = Symbol('timed out');
const NOT_READY = Symbol('not ready');

/** Events one by one (a subscription), or already in chunks (a read-ahead buffer). */
export type EventSource = AsyncIterable<RecordedEvent> | AsyncIterable<RecordedEvent[]>;

/**
 * Reads an event stream in chunks: waits (up to a deadline) for the first event, then takes every
 * event that is already there, so one chunk's missing facts can be fetched in one query. A read
 * left waiting when the deadline passes is kept for the next call, never lost. A source that
 * yields arrays is taken a whole array at a time.
 */
export class EventChunks {
  private readonly iterator: AsyncIterator<RecordedEvent | RecordedEvent[]>;
  private pending: Promise<IteratorResult<RecordedEvent | RecordedEvent[]>> | undefined;
  private ended = false;

  constructor(source: EventSource) {
    this.iterator = (source as AsyncIterable<RecordedEvent | RecordedEvent[]>)[Symbol.asyncIterator]();
  }

  /** `waitMs` undefined waits for the first event as long as it takes. */
  async take(max: number, waitMs?: number): Promise<Chunk> {
    const events: RecordedEvent[] = [];
    if (this.ended) return { events, ended: true };
    const first = await this.race(waitMs === undefined ? undefined : deadlineIn(waitMs));
    if (first === TIMED_OUT) return { events, ended: false };
    if (first.done) return { events, ended: true };
    if (Array.isArray(first.value)) return { events: first.value, ended: false };
    events.push(first.value);
    while (events.length < max) {
      const next = await this.race(nextMacrotask());
      if (next === NOT_READY) return { events, ended: false };
      if (next.done) return { events, ended: true };
      if (Array.isArray(next.value)) {
        // Not expected from one source, but never dropped: the chunk runs long rather than lose it.
        events.push(...next.value);
        continue;
      }
      events.push(next.value);
    }
    return { events, ended: false };
  }

  private async race<T extends symbol>(deadline: Deadline<T> | undefined): Promise<IteratorResult<RecordedEvent | RecordedEvent[]> | T> {
    this.pending ??= this.iterator.next();
    const read = this.pending;
    const result = deadline ? await Promise.race([read, deadline.reached]).finally(deadline.cancel) : await read;
    if (typeof result === 'symbol') return result;
    this.pending = undefined;
    if (result.done) this.ended = true;
    return result;
  }
}

interface Deadline<T> {
  readonly reached: Promise<T>;
  readonly cancel: () => void;
}

function deadlineIn(ms: number): Deadline<typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  return { reached, cancel: () => clearTimeout(timer) };
}

/** Passes after pending I/O callbacks have run: an event the source already holds beats it. */
function nextMacrotask(): Deadline<typeof NOT_READY> {
  let immediate: NodeJS.Immediate | undefined;
  const reached = new Promise<typeof NOT_READY>((resolve) => {
    immediate = setImmediate(() => resolve(NOT_READY));
  });
  return { reached, cancel: () => clearImmediate(immediate) };
}
