import { InvalidPositionError } from '../framework/projection-positions';
import type { ProjectionPositions } from '../framework/projection-positions';
import type { Consistency } from './read-model.dtos';
import { InvalidQueryError } from './sql';

/** Waits (bounded) for `minPosition`; on timeout the query still answers, from what is there. */
export async function awaitConsistency(positions: ProjectionPositions | undefined, consistency: Consistency): Promise<void> {
  if (consistency.minPosition === undefined) return;
  if (!positions) throw new Error('This query service was built without ProjectionPositions: minPosition cannot be honoured');
  try {
    await positions.waitFor(consistency.minPosition, { timeoutMs: consistency.waitMs });
  } catch (error) {
    if (error instanceof InvalidPositionError) throw new InvalidQueryError('minPosition', 'is not a position a command returned');
    throw error;
  }
}
