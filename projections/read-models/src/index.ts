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
export { InvalidQueryError } from './queries/sql';

// Composition
export * from './migrations/20261125000000-read-models.migration';
export * from './nest/read-model-queries.module';
export * from './migrations/20261125000700-read-models-statistics.migration';
export * from './migrations/20261203000100-read-models-history.migration';
