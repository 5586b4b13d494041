import type { Pool, PoolClient } from 'pg';
import type { Concatenation } from './smpp-concatenation';
import { concatenatedMessageId, firstSeenMessageId, textHash } from './smpp-inbound-id';

export interface InboundPart extends Concatenation {
  /** E.164. */
  readonly originator: string;
  readonly text: string;
}

export interface PartKey {
  readonly seq: number;
  readonly textHash: string;
}

/** A concatenated SMS whose parts are all stored (or, when swept, all that ever arrived). */
export interface AssembledMessage {
  readonly originator: string;
  readonly reference: number;
  readonly total: number;
  readonly messageId: string;
  readonly text: string;
  readonly firstReceivedAt: Date;
  readonly parts: readonly PartKey[];
}

export type PartOutcome =
  /** Stored; other parts are still missing. */
  | { readonly kind: 'waiting' }
  /** A resend of a part of a message that is already stored. */
  | { readonly kind: 'already-stored' }
  | { readonly kind: 'complete'; readonly message: AssembledMessage };

interface PartRow {
  seq: number;
  text_utf16le: Buffer;
  text_hash: string;
  received_at: Date;
}

export interface SmppInboundStoreOptions {
  /** How long the same text from the same originator is one SMS being resent. */
  readonly resendWindowSeconds: number;
  /** How long parts wait for their siblings before they are stored with the gaps marked. */
  readonly partsTimeoutSeconds: number;
}

/**
 * What the SMPP link must remember across a crash: parts of concatenated SMS, stored before each
 * part's deliver_sm_resp, and when a single SMS was first seen (its stable id). Work on one
 * message is serialised across processes with a transaction-scoped advisory lock.
 */
export class PostgresSmppInboundStore {
  constructor(
    private readonly pool: Pool,
    private readonly options: SmppInboundStoreOptions,
  ) {}

  async storePart(part: InboundPart): Promise<PartOutcome> {
    const hash = textHash(part.text);
    return this.inTransaction(`smpp-concat:${part.originator}:${part.reference}:${part.total}`, async (client) => {
      const inserted = await client.query(
        `INSERT INTO smpp_inbound_parts (originator, reference, total, seq, text_hash, text_utf16le) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [part.originator, part.reference, part.total, part.seq, hash, Buffer.from(part.text, 'utf16le')],
      );
      if (inserted.rowCount === 0) {
        const { rows } = await client.query<{ message_id: string | null }>(
          'SELECT message_id FROM smpp_inbound_parts WHERE originator = $1 AND reference = $2 AND total = $3 AND seq = $4 AND text_hash = $5',
          [part.originator, part.reference, part.total, part.seq, hash],
        );
        if (rows[0]?.message_id) return { kind: 'already-stored' };
      }
      const parts = await this.waitingParts(client, part.originator, part.reference, part.total);
      if (parts.length < part.total) return { kind: 'waiting' };
      return { kind: 'complete', message: assemble(part.originator, part.reference, part.total, parts) };
    });
  }

  /** After the message is stored in its request: its parts answer later resends as already stored. */
  async markAssembled(message: AssembledMessage): Promise<void> {
    await this.pool.query(
      `UPDATE smpp_inbound_parts p SET message_id = $4
         FROM unnest($5::int[], $6::text[]) AS k(seq, text_hash)
        WHERE p.originator = $1 AND p.reference = $2 AND p.total = $3 AND p.seq = k.seq AND p.text_hash = k.text_hash`,
      [message.originator, message.reference, message.total, message.messageId, message.parts.map((p) => p.seq), message.parts.map((p) => p.textHash)],
    );
  }

  /** Concatenated SMS whose missing parts did not arrive in time: what arrived, with the gaps marked. */
  async overdueMessages(): Promise<AssembledMessage[]> {
    const { rows } = await this.pool.query<{ originator: string; reference: number; total: number }>(
      `SELECT originator, reference, total FROM smpp_inbound_parts WHERE message_id IS NULL
        GROUP BY originator, reference, total HAVING min(received_at) < now() - make_interval(secs => $1)`,
      [this.options.partsTimeoutSeconds],
    );
    const overdue: AssembledMessage[] = [];
    for (const row of rows) {
      const parts = await this.inTransaction(`smpp-concat:${row.originator}:${row.reference}:${row.total}`, (client) =>
        this.waitingParts(client, row.originator, row.reference, row.total, false),
      );
      if (parts.length > 0) overdue.push(assemble(row.originator, row.reference, row.total, parts));
    }
    return overdue;
  }

  /**
   * The id of a single SMS: the one given when this text from this originator was first seen
   * within the resend window, else a new one from now (remembered before it is used).
   */
  async singleMessageId(originator: string, text: string, now = new Date()): Promise<string> {
    const hash = textHash(text);
    return this.inTransaction(`smpp-single:${originator}:${hash}`, async (client) => {
      const { rows } = await client.query<{ message_id: string }>(
        `SELECT message_id FROM smpp_inbound_singles WHERE originator = $1 AND text_hash = $2 AND first_seen_at > $3
          ORDER BY first_seen_at DESC LIMIT 1`,
        [originator, hash, new Date(now.getTime() - this.options.resendWindowSeconds * 1000)],
      );
      if (rows[0]) return rows[0].message_id;
      const messageId = firstSeenMessageId(originator, now, text);
      await client.query('INSERT INTO smpp_inbound_singles (originator, text_hash, first_seen_at, message_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        originator,
        hash,
        now,
        messageId,
      ]);
      return messageId;
    });
  }

  /** Forgets what no SMSC resends any more. */
  async prune(retentionSeconds: number): Promise<void> {
    const keep = Math.max(retentionSeconds, this.options.resendWindowSeconds, this.options.partsTimeoutSeconds);
    await this.pool.query('DELETE FROM smpp_inbound_parts WHERE message_id IS NOT NULL AND received_at < now() - make_interval(secs => $1)', [keep]);
    await this.pool.query('DELETE FROM smpp_inbound_singles WHERE first_seen_at < now() - make_interval(secs => $1)', [keep]);
  }

  /** The newest waiting part per number (a stale part of an earlier message with the same reference loses). */
  private async waitingParts(client: PoolClient, originator: string, reference: number, total: number, recentOnly = true): Promise<PartRow[]> {
    const { rows } = await client.query<PartRow>(
      `SELECT DISTINCT ON (seq) seq, text_utf16le, text_hash, received_at FROM smpp_inbound_parts
        WHERE originator = $1 AND reference = $2 AND total = $3 AND message_id IS NULL
          AND ($4::boolean IS FALSE OR received_at >= now() - make_interval(secs => $5))
        ORDER BY seq, received_at DESC`,
      [originator, reference, total, recentOnly, this.options.partsTimeoutSeconds],
    );
    return rows;
  }

  private async inTransaction<T>(lockKey: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function assemble(originator: string, reference: number, total: number, parts: readonly PartRow[]): AssembledMessage {
  const bySeq = new Map(parts.map((p) => [p.seq, p]));
  const text = Array.from({ length: total }, (_, i) => bySeq.get(i + 1)?.text_utf16le.toString('utf16le') ?? `[part ${i + 1} of ${total} missing]`).join('');
  return {
    originator,
    reference,
    total,
    messageId: concatenatedMessageId(originator, { reference, total }, text),
    text,
    firstReceivedAt: new Date(Math.min(...parts.map((p) => p.received_at.getTime()))),
    parts: parts.map((p) => ({ seq: p.seq, textHash: p.text_hash })),
  };
}
