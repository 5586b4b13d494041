import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EventStore } from '@switchboard/eventstore';
import { ProcessorHost } from '@switchboard/eventstore/processing';
import type { ProcessorDefinition, ProcessorHealth, ProcessorObserver } from '@switchboard/eventstore/processing';
import { HealthCheckError, SwitchboardMetrics } from '@switchboard/platform';
import type { HealthDetails, HealthService, MetricsRegistry, SwitchboardConfig } from '@switchboard/platform';
import type { AppRole } from '../dependency';
import { eventBacklogFor } from './event-backlog';

export interface ProcessorRegistryOptions {
  readonly role: AppRole;
  readonly config: SwitchboardConfig;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly metrics: MetricsRegistry;
  readonly health: HealthService;
}

/**
 * The processing backbone of this process: every role module registers the processors it runs
 * (the projector its projections, the notifier its process managers, outbox and publisher;
 * `switchboard start` all of them) and this one host runs them, each on exactly one instance
 * across every process on the database. Readiness lists each processor's state and fails only
 * when one is stopped; metrics carry lag, batch time, parked events and state per processor.
 */
export class ProcessorRegistry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly logger = new Logger('processors');
  private readonly host: ProcessorHost;

  constructor(private readonly options: ProcessorRegistryOptions) {
    const { role, config, pool, store, metrics } = options;
    this.host = new ProcessorHost({
      pool,
      store,
      identity: `${role.name}@${hostname()}:${process.pid}`,
      logger: this.logger,
      observer: processorMetrics(SwitchboardMetrics.of(metrics)),
      backlog: eventBacklogFor(config, pool, store),
    });
  }

  register(definition: ProcessorDefinition): void {
    if (this.host.processors.length === 0) this.options.health.register({ name: 'processors', check: async () => processorsReadiness(this.host.health()) });
    this.host.register(definition);
  }

  states(): ProcessorHealth[] {
    return this.host.health();
  }

  onApplicationBootstrap(): void {
    this.host.start();
  }

  // Before the core module closes the pool and the event store, after the role modules' own hosts are done with them.
  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}

/** Up unless a processor is stopped; the details say what each processor is doing here. */
export function processorsReadiness(processors: readonly ProcessorHealth[]): HealthDetails {
  const details: Record<string, unknown> = {};
  for (const p of processors) {
    details[p.processor] = {
      state: p.state,
      ...(p.detail ? { detail: p.detail } : {}),
      ...(p.lastError ? { error: p.lastError } : {}),
      since: p.since.toISOString(),
    };
  }
  const stopped = processors.filter((p) => p.state === 'stopped');
  if (stopped.length > 0) throw new HealthCheckError(stopped.map((p) => `${p.processor} stopped: ${p.lastError ?? 'unknown'}`).join('; '), details);
  return details;
}

function processorMetrics(metrics: SwitchboardMetrics): ProcessorObserver {
  return {
    batchCommitted: (processor, _events, seconds) => metrics.processorBatchSeconds.observe({ processor }, seconds),
    stateChanged: (processor, state) => metrics.processorState(processor, state),
    lag: (processor, lag) => metrics.processorLag(processor, lag),
    parked: (processor, open) => metrics.processorParked(processor, open),
  };
}
