import type { ClickHouseProjector } from '../projector/clickhouse.projector';

/** Waits until the projector is idle with at least `events` events in ClickHouse. */
export async function waitUntilProjected(projector: ClickHouseProjector, events: number, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = projector.status();
    if (status.events >= events && status.settled) return;
    if (Date.now() > deadline) throw new Error(`projector has ${status.events} of ${events} events after ${timeoutMs} ms (last error: ${status.lastError ?? 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
