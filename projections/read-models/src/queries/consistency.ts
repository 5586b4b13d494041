import type { ProjectionPositions } from '../framework/projection-positions';
import type { Consistency } from './read-model.dtos';

/** Waits (bounded) for `minPosition`; on timeout the query still answers, from what is there. */
export async function awaitConsistency(positions: ProjectionPositions | undefined, consistency: Consistency): Promise<void> {
  if (consistency.minPosition === undefined) return;
  if (!positions) throw new Error('This query service was built without ProjectionPositions: minPosition cannot be honoured');
  await positions.waitFor(consistency.minPosition, { timeoutMs: consistency.waitMs });
}
