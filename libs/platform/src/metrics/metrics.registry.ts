import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process. Labels are bounded sets only: never an entity id, user id
 * or phone number (a label value per entity would explode the series count).
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
    // prom-client's `*_total` gauges break the naming rule promtool checks (`_total` is for counters)
    // and only sum the per-type gauges kept beside them: sum(switchboard_nodejs_active_handles) is the same.
    for (const name of ['switchboard_nodejs_active_handles_total', 'switchboard_nodejs_active_requests_total', 'switchboard_nodejs_active_resources_total']) {
      this.registry.removeSingleMetric(name);
    }
    this.httpRequestDuration = new Histogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'HTTP request latency by route template.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: 'switchboard_http_requests_total',
      help: 'HTTP requests by route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
  }
}
