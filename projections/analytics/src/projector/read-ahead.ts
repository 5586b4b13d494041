/**
 * Reads a source ahead of its consumer, up to `limit` items, so the source's I/O (the event
 * store's next page) overlaps the consumer's work (folding, inserting) instead of alternating
 * with it. Hands over what has been read so far in chunks of up to `chunkSize`, so the consumer
 * pays one await per chunk, not per item. Errors reach the consumer after the items read before
 * them; stopping early stops the read.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, limit: number, chunkSize: number): AsyncGenerator<T[], void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let items: T[] = [];
  let head = 0;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let room: (() => void) | undefined;
  let stopped = false;
  const buffered = () => items.length - head;
  if (!(limit >= 1 && chunkSize >= 1)) throw new RangeError(`readAhead needs a limit and a chunk size of at least 1 (got ${limit}, ${chunkSize})`);

  const fill = (async () => {
    try {
      while (!stopped) {
        if (buffered() >= limit) {
          await new Promise<void>((resolve) => (room = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done) break;
        items.push(next.value);
        wake?.();
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      wake?.();
    }
  })();

  try {
    for (;;) {
      if (buffered() > 0) {
        const chunk = items.slice(head, head + chunkSize);
        head += chunk.length;
        if (head * 2 > items.length) {
          items = items.slice(head);
          head = 0;
        }
        room?.();
        yield chunk;
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stopped = true;
    room?.();
    await fill;
    await iterator.return?.();
  }
}
