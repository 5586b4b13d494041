import type { RecordedEvent } from '../event-store.port';

/**
 * Handles a batch with the events of one key (a client, a conversation, a stream) in their order
 * and the keys side by side. Every group finishes before a failure is reported, so a batch the
 * backbone retries never overlaps work still running from the failed attempt.
 */
export async function inGroups(
  events: readonly RecordedEvent[],
  keyOf: (event: RecordedEvent) => string,
  run: (event: RecordedEvent) => Promise<void>,
): Promise<void> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = keyOf(event);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  const outcomes = await Promise.allSettled(
    [...groups.values()].map(async (group) => {
      for (const event of group) await run(event);
    }),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
