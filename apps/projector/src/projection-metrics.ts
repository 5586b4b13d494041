import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { ProjectionStatus } from '@switchboard/read-models';

const CACHE_MS = 1_000;

/**
 * `switchboard_projection_lag_events{projection}` and `switchboard_projection_lag_seconds{projection}`,
 * measured at scrape time (one status read serves both gauges). A failed read keeps the last values.
 */
export function registerProjectionMetrics(registry: Registry, status: () => Promise<ProjectionStatus[]>): void {
  let cached: { at: number; value: Promise<ProjectionStatus[] | undefined> } | undefined;
  const read = (): Promise<ProjectionStatus[] | undefined> => {
    if (!cached || performance.now() - cached.at > CACHE_MS) cached = { at: performance.now(), value: status().catch(() => undefined) };
    return cached.value;
  };
  const gauge = (name: string, help: string, value: (s: ProjectionStatus) => number): void => {
    if (registry.getSingleMetric(name)) return;
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        for (const s of (await read()) ?? []) this.set({ projection: s.projection }, value(s));
      },
    });
  };
  gauge('switchboard_projection_lag_events', 'Events in the store the projection has not applied yet.', (s) => s.lagEvents);
  gauge('switchboard_projection_lag_seconds', 'Age of the oldest event the projection has not applied yet (0 when caught up).', (s) => s.lagSeconds);
}
