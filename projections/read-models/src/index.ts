// Projection framework
export * from './framework/apply-events';
export * from './framework/checkpoint-table';
export * from './framework/projection';
export * from './framework/projection-positions';
export * from './framework/projection-rebuild';
export * from './framework/projection-status';
export * from './framework/read-model-processor';
export * from './framework/shadow-tables';

// Projections
export * from './projections/incident-list.projection';
export * from './projections/problem-list.projection';
export * from './projections/read-model-projections';
export * from './projections/request-list.projection';
export * from './projections/status-history.projection';

// Queries
export * from './queries/author-names';
export * from './queries/client.queries';
export * from './queries/incident.queries';
export { listSorts } from './queries/keyset-cursor';
export type { ListSort } from './queries/keyset-cursor';
export * from './queries/order.queries';
export * from './queries/read-model.dtos';
export * from './queries/request.queries';
export * from './queries/saved-filters';
export * from './queries/queue.queries';
export * from './queries/problem.queries';
export * from './queries/team-load.queries';
export * from './queries/unit-request.queries';
export * from './queries/site-sla.queries';
export { InvalidQueryError } from './queries/sql';

// Composition
export * from './migrations/20261125000000-read-models.migration';
export * from './migrations/20261208200100-read-models-estate.migration';
export * from './migrations/20261208500000-read-models-request-sites.migration';
export * from './migrations/20261209200000-read-models-site-staff.migration';
export * from './nest/read-model-queries.module';
export * from './migrations/20261125000700-read-models-statistics.migration';
export * from './migrations/20261203000100-read-models-history.migration';
export * from './migrations/20261206001001-read-models-search.migration';
export * from './migrations/20261206002000-read-models-queues.migration';
export * from './migrations/20261206004001-read-models-routing.migration';
export * from './migrations/20261207002000-read-models-sla.migration';
export * from './migrations/20261207003001-read-models-problems.migration';
export * from './migrations/20261207001001-read-models-assignment-history.migration';
