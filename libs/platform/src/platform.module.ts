import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { SWITCHBOARD_CONFIG } from './config/config.token';
import type { SwitchboardConfig } from './config/switchboard-config';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics.registry';

/** Config, health, metrics and problem+json errors: what every app has. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: { app: string; config: SwitchboardConfig; metrics?: MetricsRegistry }): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SWITCHBOARD_CONFIG, useValue: options.config },
        { provide: MetricsRegistry, useValue: options.metrics ?? new MetricsRegistry(options.app) },
        HealthService,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [SWITCHBOARD_CONFIG, MetricsRegistry, HealthService],
    };
  }
}
