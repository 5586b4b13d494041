import type { Projection } from '../framework/projection';
import { incidentListProjection } from './incident-list.projection';
import { problemListProjection } from './problem-list.projection';
import { requestListProjection } from './request-list.projection';
import { statusHistoryProjection } from './status-history.projection';

/** Every PostgreSQL read-model projection the projector runs. */
export const readModelProjections: readonly Projection[] = [requestListProjection, incidentListProjection, statusHistoryProjection, problemListProjection];

export const readModelProjectionNames: readonly string[] = readModelProjections.map((p) => p.name);

export function projectionNamed(name: string): Projection | undefined {
  return readModelProjections.find((p) => p.name === name);
}
