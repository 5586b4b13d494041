import type { MetricsRegistry } from '@switchboard/platform';
import { SwitchboardMetrics } from '@switchboard/platform';
import type { ProjectionStatus } from '@switchboard/read-models';

const REFRESH_MS = 2_000;

/**
 * Keeps `switchboard_projection_lag_events{projection}` and `..._lag_seconds{projection}` (the
 * shared gauges every role registers once) current for the read-model projections. A failed
 * status read keeps the last values. Returns the stop function.
 */
export function startProjectionMetrics(metrics: MetricsRegistry, status: () => Promise<ProjectionStatus[]>): () => void {
  const gauges = SwitchboardMetrics.of(metrics);
  let running = false;
  const refresh = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (const s of await status()) gauges.projectionLag(s.projection, { events: s.lagEvents, seconds: s.lagSeconds });
    } catch {
      // keep the last values; readiness reports a stuck projection
    } finally {
      running = false;
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
