import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken } from '@nestjs/common';
import type { Pool } from 'pg';
import { ProjectionPositions } from '../framework/projection-positions';
import { readModelProjectionNames } from '../projections/read-model-projections';
import { ClientQueries } from '../queries/client.queries';
import { IncidentQueries } from '../queries/incident.queries';
import { OrderQueries } from '../queries/order.queries';
import { RequestQueries } from '../queries/request.queries';
import { SavedFilters } from '../queries/saved-filters';

export interface ReadModelQueriesOptions {
  /** The token of the app's `pg` Pool (the runtime's PG_POOL). */
  readonly pool: InjectionToken;
}

/** The read-model query services for a role that answers queries (the API). Injected by class. */
@Module({})
export class ReadModelQueriesModule {
  static forRoot(options: ReadModelQueriesOptions): DynamicModule {
    const services = [ProjectionPositions, RequestQueries, IncidentQueries, ClientQueries, OrderQueries, SavedFilters];
    return {
      module: ReadModelQueriesModule,
      providers: [
        { provide: ProjectionPositions, useFactory: (pool: Pool) => new ProjectionPositions(pool, readModelProjectionNames), inject: [options.pool] },
        { provide: RequestQueries, useFactory: (pool: Pool, positions: ProjectionPositions) => new RequestQueries(pool, positions), inject: [options.pool, ProjectionPositions] },
        { provide: IncidentQueries, useFactory: (pool: Pool, positions: ProjectionPositions) => new IncidentQueries(pool, positions), inject: [options.pool, ProjectionPositions] },
        { provide: ClientQueries, useFactory: (pool: Pool, positions: ProjectionPositions) => new ClientQueries(pool, positions), inject: [options.pool, ProjectionPositions] },
        { provide: OrderQueries, useFactory: (pool: Pool) => new OrderQueries(pool), inject: [options.pool] },
        { provide: SavedFilters, useFactory: (pool: Pool) => new SavedFilters(pool), inject: [options.pool] },
      ],
      exports: services,
    };
  }
}
