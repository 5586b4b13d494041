import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken } from '@nestjs/common';
import type { Pool } from 'pg';
import type { UserDirectory } from '@switchboard/identity';
import { ProjectionPositions } from '../framework/projection-positions';
import { readModelProjectionNames } from '../projections/read-model-projections';
import { AUTHOR_NAMES } from '../queries/author-names';
import { DirectoryAuthorNames, authorIdsAsNames } from '../queries/author-names';
import type { AuthorNames } from '../queries/author-names';
import { ClientQueries } from '../queries/client.queries';
import { IncidentQueries } from '../queries/incident.queries';
import { OrderQueries } from '../queries/order.queries';
import { ProblemQueries } from '../queries/problem.queries';
import { QueueQueries } from '../queries/queue.queries';
import { RequestQueries } from '../queries/request.queries';
import { SavedFilters } from '../queries/saved-filters';
import { TeamLoadQueries } from '../queries/team-load.queries';
import { UnitRequestQueries } from '../queries/unit-request.queries';
import { SiteSlaQueries } from '../queries/site-sla.queries';

export interface ReadModelQueriesOptions {
  /** The token of the app's `pg` Pool (the runtime's PG_POOL). */
  readonly pool: InjectionToken;
  /** The token of the app's user directory, for authors' names next to their ids; without it, ids stand in. */
  readonly userDirectory?: InjectionToken;
}

/** The read-model query services for a role that answers queries (the API). Injected by class. */
@Module({})
export class ReadModelQueriesModule {
  static forRoot(options: ReadModelQueriesOptions): DynamicModule {
    const services = [
      ProjectionPositions,
      RequestQueries,
      IncidentQueries,
      ClientQueries,
      OrderQueries,
      SavedFilters,
      QueueQueries,
      TeamLoadQueries,
      ProblemQueries,
      UnitRequestQueries,
      SiteSlaQueries,
    ];
    return {
      module: ReadModelQueriesModule,
      providers: [
        { provide: ProjectionPositions, useFactory: (pool: Pool) => new ProjectionPositions(pool, readModelProjectionNames), inject: [options.pool] },
        options.userDirectory
          ? { provide: AUTHOR_NAMES, useFactory: (directory: UserDirectory) => new DirectoryAuthorNames(directory), inject: [options.userDirectory] }
          : { provide: AUTHOR_NAMES, useValue: authorIdsAsNames },
        { provide: UnitRequestQueries, useFactory: (pool: Pool) => new UnitRequestQueries(pool), inject: [options.pool] },
        { provide: SiteSlaQueries, useFactory: (pool: Pool) => new SiteSlaQueries(pool), inject: [options.pool] },
        {
          provide: RequestQueries,
          useFactory: (pool: Pool, positions: ProjectionPositions, authors: AuthorNames) => new RequestQueries(pool, positions, authors),
          inject: [options.pool, ProjectionPositions, AUTHOR_NAMES],
        },
        {
          provide: IncidentQueries,
          useFactory: (pool: Pool, positions: ProjectionPositions, authors: AuthorNames) => new IncidentQueries(pool, positions, authors),
          inject: [options.pool, ProjectionPositions, AUTHOR_NAMES],
        },
        {
          provide: ClientQueries,
          useFactory: (pool: Pool, positions: ProjectionPositions, authors: AuthorNames) => new ClientQueries(pool, positions, authors),
          inject: [options.pool, ProjectionPositions, AUTHOR_NAMES],
        },
        { provide: OrderQueries, useFactory: (pool: Pool) => new OrderQueries(pool), inject: [options.pool] },
        { provide: SavedFilters, useFactory: (pool: Pool) => new SavedFilters(pool), inject: [options.pool] },
        { provide: QueueQueries, useFactory: (pool: Pool) => new QueueQueries(pool), inject: [options.pool] },
        {
          provide: ProblemQueries,
          useFactory: (pool: Pool, positions: ProjectionPositions) => new ProblemQueries(pool, positions),
          inject: [options.pool, ProjectionPositions],
        },
        {
          provide: TeamLoadQueries,
          useFactory: (pool: Pool, authors: AuthorNames) => new TeamLoadQueries(pool, authors),
          inject: [options.pool, AUTHOR_NAMES],
        },
      ],
      exports: [...services, AUTHOR_NAMES],
    };
  }
}
