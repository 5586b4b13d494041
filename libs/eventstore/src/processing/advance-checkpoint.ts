import type { Pool } from 'pg';
import { comparePositions } from '../positions';
import { inTransaction, lockProcessorCheckpoint } from './checkpoints';

/**
 * Moves a processor's checkpoint forward to `position` (never back), e.g. after a rebuild has
 * done everything before it elsewhere. A running instance finds its checkpoint moved at its next
 * batch and resumes from here. Returns whether it moved.
 */
export async function advanceCheckpointTo(pool: Pool, processor: string, position: string, events: number): Promise<boolean> {
  return inTransaction(pool, async (tx) => {
    const row = await lockProcessorCheckpoint(tx, processor);
    if (!row) {
      await tx.query('INSERT INTO processor_checkpoints (processor, position, events_processed) VALUES ($1, $2, $3)', [processor, position, events]);
      return true;
    }
    if (comparePositions(row.position, position) >= 0) return false;
    await tx.query('UPDATE processor_checkpoints SET position = $2, events_processed = $3, updated_at = now() WHERE processor = $1', [
      processor,
      position,
      events,
    ]);
    return true;
  });
}
