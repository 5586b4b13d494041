import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import { ProcessorHost, readProcessorCheckpoint } from '@switchboard/eventstore/processing';
import type { EventBacklog, ProcessorObserver } from '@switchboard/eventstore/processing';
import { ANALYTICS_PROJECTION, AnalyticsProcessor } from '../projector/analytics.processor';
import type { AnalyticsProcessorOptions } from '../projector/analytics.processor';

/** The analytics projection running as the projector runs it: a processor on a host, its checkpoint in `checkpoints`. */
export interface AnalyticsUnderTest {
  readonly host: ProcessorHost;
  readonly checkpoints: Pool;
  /** Events in ClickHouse (checkpointed). */
  events(): Promise<number>;
  position(): Promise<string | undefined>;
  lastError(): string | undefined;
  stop(): Promise<void>;
}

export interface StartAnalyticsOptions extends AnalyticsProcessorOptions {
  readonly store: EventStore;
  /** A database with the processing schema, for the checkpoint. */
  readonly checkpoints: Pool;
  readonly observer?: ProcessorObserver;
  readonly backlog?: EventBacklog;
  readonly metricsIntervalMs?: number;
}

export async function startAnalytics(options: StartAnalyticsOptions): Promise<AnalyticsUnderTest> {
  const { store, checkpoints, observer, backlog, metricsIntervalMs, ...processorOptions } = options;
  const host = new ProcessorHost({ pool: checkpoints, store, identity: 'analytics-test', standbyRetryMs: 50, observer, backlog, metricsIntervalMs });
  host.register(new AnalyticsProcessor({ failure: { baseMs: 50, maxMs: 500 }, ...processorOptions }).processor());
  host.start();
  // As the projector's start: the schema is in once the processor has prepared.
  const deadline = Date.now() + 30_000;
  while (host.health()[0].state !== 'running') {
    if (Date.now() > deadline) throw new Error(`the analytics processor did not start: ${JSON.stringify(host.health()[0])}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    host,
    checkpoints,
    events: async () => (await readProcessorCheckpoint(checkpoints, ANALYTICS_PROJECTION))?.eventsProcessed ?? 0,
    position: async () => (await readProcessorCheckpoint(checkpoints, ANALYTICS_PROJECTION))?.position,
    lastError: () => host.health()[0].lastError,
    stop: () => host.stop(),
  };
}

/** Waits until at least `events` events are in ClickHouse with their checkpoint. */
export async function waitUntilProjected(analytics: AnalyticsUnderTest, events: number, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await analytics.events();
    if (done >= events) return;
    if (Date.now() > deadline)
      throw new Error(`analytics has ${done} of ${events} events after ${timeoutMs} ms (last error: ${analytics.lastError() ?? 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
