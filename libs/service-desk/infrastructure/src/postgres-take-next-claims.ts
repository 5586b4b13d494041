import type { Pool } from 'pg';
import type { TakeNextClaims } from '@switchboard/service-desk';

/** How long a take-next key is remembered: far longer than any client retries. */
const KEPT_FOR = '7 days';

export class PostgresTakeNextClaims implements TakeNextClaims {
  constructor(private readonly pool: Pool) {}

  async pointedAt(userId: string, commandId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ item_id: string }>('SELECT item_id FROM take_next_claims WHERE user_id = $1 AND command_id = $2', [
      userId,
      commandId,
    ]);
    return rows[0]?.item_id;
  }

  async point(userId: string, commandId: string, entity: 'request' | 'incident', itemId: string): Promise<void> {
    // Old keys go as new ones come: one statement, no sweeper to run.
    await this.pool.query(
      `WITH forgotten AS (DELETE FROM take_next_claims WHERE pointed_at < now() - interval '${KEPT_FOR}')
       INSERT INTO take_next_claims (user_id, command_id, entity, item_id, pointed_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id, command_id) DO UPDATE SET entity = EXCLUDED.entity, item_id = EXCLUDED.item_id, pointed_at = EXCLUDED.pointed_at`,
      [userId, commandId, entity, itemId],
    );
  }
}
