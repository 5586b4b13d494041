import { Injectable } from '@nestjs/common';
import { errorMessage } from '@switchboard/kernel';
import { HealthCheckError } from './health-indicator';
import type { HealthCheckResult, HealthDetails, HealthIndicator, ReadinessReport } from './health-indicator';

const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly indicators = new Map<string, HealthIndicator>();
  private shuttingDown = false;

  register(indicator: HealthIndicator): void {
    this.indicators.set(indicator.name, indicator);
  }

  /** Once shutdown starts the app reports not ready, so a load balancer drains it first. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.indicators.values()].map(async (i) => [i.name, await this.run(i)] as const));
    const checks = Object.fromEntries(entries);
    if (this.shuttingDown) checks.shutdown = { status: 'down', ms: 0, error: 'shutting down' };
    const ready = Object.values(checks).every((c) => c.status === 'up');
    return { status: ready ? 'ready' : 'not_ready', checks };
  }

  private async run(indicator: HealthIndicator): Promise<HealthCheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const details = await Promise.race([
        indicator.check(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', ms: Math.round(performance.now() - started), ...withDetails(details) };
    } catch (error) {
      return {
        status: 'down',
        ms: Math.round(performance.now() - started),
        error: errorMessage(error),
        ...withDetails(error instanceof HealthCheckError ? error.details : undefined),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

const withDetails = (details: HealthDetails | void | undefined): { details?: HealthDetails } => (details ? { details } : {});
