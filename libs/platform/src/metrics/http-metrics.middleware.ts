import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from './metrics.registry';

/**
 * Times every request under its route template (`/requests/:id`), never the concrete path, so the
 * label set stays bounded; unmatched paths share one label.
 */
export function httpMetricsMiddleware(metrics: MetricsRegistry) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpRequestDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const template = route ? `${req.baseUrl ?? ''}${route}` : 'unmatched';
      const labels = { method: req.method, route: template, status: String(res.statusCode) };
      end(labels);
      metrics.httpRequests.inc(labels);
    });
    next();
  };
}
