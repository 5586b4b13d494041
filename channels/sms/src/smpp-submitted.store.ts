import type { Pool } from 'pg';

/** One submit_sm the SMSC accepted: the part of which reply or notification it carried. */
export interface SubmittedPart {
  /** The SMSC's message_id from submit_sm_resp; delivery receipts name it. */
  readonly messageId: string;
  readonly requestId: string;
  readonly outboundId: string;
  /** 1-based. */
  readonly part: number;
  readonly parts: number;
}

export interface ReceiptEffect {
  readonly submitted: SubmittedPart;
  /** The outbound message's final state once known: failed when any part failed, delivered when all were. */
  readonly outcome: 'delivered' | 'failed' | undefined;
  readonly reason?: string;
}

interface Row {
  message_id: string;
  request_id: string;
  outbound_id: string;
  part: number;
  parts: number;
  outcome: string | null;
  outcome_reason: string | null;
}

/** smpp_submitted: message_id → (request, outbound message, part), and each part's receipt. */
export class PostgresSmppSubmittedStore {
  constructor(private readonly pool: Pool) {}

  async partsOf(outboundId: string): Promise<SubmittedPart[]> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM smpp_submitted WHERE outbound_id = $1 ORDER BY part', [outboundId]);
    return rows.map(toPart);
  }

  async record(part: SubmittedPart): Promise<void> {
    await this.pool.query(
      'INSERT INTO smpp_submitted (message_id, request_id, outbound_id, part, parts) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING',
      [part.messageId, part.requestId, part.outboundId, part.part, part.parts],
    );
  }

  /**
   * Records a part's final receipt (the first one wins) and says what it means for the whole
   * outbound message; undefined when the message id is not one we submitted (yet).
   */
  async recordReceipt(messageId: string, outcome: 'delivered' | 'failed', reason: string | undefined): Promise<ReceiptEffect | undefined> {
    const updated = await this.pool.query(
      'UPDATE smpp_submitted SET outcome = $2, outcome_reason = $3, outcome_at = now() WHERE message_id = $1 AND outcome IS NULL',
      [messageId, outcome, reason ?? null],
    );
    if (updated.rowCount === 0) {
      // Either a repeated receipt (the part already has its outcome) or the part is not recorded yet:
      // its row may appear between this UPDATE and the read below, and must not be read unmarked.
      const { rowCount } = await this.pool.query('SELECT 1 FROM smpp_submitted WHERE message_id = $1 AND outcome IS NOT NULL', [messageId]);
      if (!rowCount) return undefined;
    }
    const { rows } = await this.pool.query<Row>(
      `SELECT s.* FROM smpp_submitted s JOIN smpp_submitted r ON r.outbound_id = s.outbound_id WHERE r.message_id = $1 ORDER BY s.part`,
      [messageId],
    );
    const own = rows.find((r) => r.message_id === messageId);
    if (!own) return undefined;
    const failed = rows.find((r) => r.outcome === 'failed');
    const delivered = new Set(rows.filter((r) => r.outcome === 'delivered').map((r) => r.part));
    if (failed) return { submitted: toPart(own), outcome: 'failed', reason: failed.outcome_reason ?? undefined };
    return { submitted: toPart(own), outcome: delivered.size === own.parts ? 'delivered' : undefined };
  }
}

function toPart(row: Row): SubmittedPart {
  return { messageId: row.message_id, requestId: row.request_id, outboundId: row.outbound_id, part: row.part, parts: row.parts };
}
