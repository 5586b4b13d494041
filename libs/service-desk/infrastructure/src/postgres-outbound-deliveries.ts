import type { Pool } from 'pg';
import type { ProcessorTransaction } from '@switchboard/eventstore/processing';
import type { ClaimedDelivery, DeliveryOutcome, OutboundDelivery, OutboundDeliveries, OutboxChange, SettledDelivery } from '@switchboard/service-desk';
import type { ChannelContact } from '@switchboard/service-desk/domain';

interface DeliveryRow {
  request_id: string;
  outbound_id: string;
  kind: 'reply' | 'notification';
  contact: ChannelContact;
  text: string;
  attempts: number;
  status: 'pending' | 'sent' | 'failed';
  channel_message_id: string | null;
  last_error: string | null;
}

export class PostgresOutboundDeliveries implements OutboundDeliveries {
  constructor(private readonly pool: Pool) {}

  async record(tx: ProcessorTransaction, changes: readonly OutboxChange[]): Promise<void> {
    for (const change of changes) {
      if (change.kind === 'enqueue') {
        const { delivery } = change;
        await tx.query(
          `INSERT INTO outbound_deliveries (request_id, outbound_id, kind, channel, address, contact, text)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [
            delivery.requestId,
            delivery.outboundId,
            delivery.kind,
            delivery.contact.channel,
            delivery.contact.address,
            JSON.stringify(delivery.contact),
            delivery.text,
          ],
        );
      } else {
        await tx.query(
          `UPDATE outbound_deliveries
              SET status = CASE WHEN status = 'pending' THEN $3 ELSE status END,
                  outcome_recorded = true, updated_at = now()
            WHERE request_id = $1 AND outbound_id = $2`,
          [change.requestId, change.outboundId, change.outcome.status],
        );
      }
    }
  }

  /** Whether the outbox took this reply or notification before it was drained (ADR 0023 addendum): then it is the outbox's to send. */
  async holds(requestId: string, outboundId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM outbound_deliveries WHERE request_id = $1 AND outbound_id = $2', [requestId, outboundId]);
    return (rowCount ?? 0) > 0;
  }

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `WITH due AS (
         SELECT d.request_id, d.outbound_id
           FROM outbound_deliveries d
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND NOT EXISTS (
              SELECT 1 FROM outbound_deliveries earlier
               WHERE earlier.status = 'pending' AND earlier.channel = d.channel AND earlier.address = d.address AND earlier.seq < d.seq)
          ORDER BY d.next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE outbound_deliveries o
          SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
         FROM due
        WHERE o.request_id = due.request_id AND o.outbound_id = due.outbound_id
       RETURNING o.*`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({ ...toDelivery(row), attempt: row.attempts }));
  }

  async finish(delivery: OutboundDelivery, outcome: DeliveryOutcome): Promise<void> {
    await this.pool.query(
      `UPDATE outbound_deliveries SET status = $3, channel_message_id = $4, last_error = COALESCE($5, last_error), updated_at = now()
        WHERE request_id = $1 AND outbound_id = $2 AND status = 'pending'`,
      [
        delivery.requestId,
        delivery.outboundId,
        outcome.status,
        outcome.status === 'sent' ? (outcome.channelMessageId ?? null) : null,
        outcome.status === 'failed' ? outcome.reason : null,
      ],
    );
  }

  async retryLater(delivery: OutboundDelivery, delayMs: number, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE outbound_deliveries SET next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4, updated_at = now()
        WHERE request_id = $1 AND outbound_id = $2 AND status = 'pending'`,
      [delivery.requestId, delivery.outboundId, delayMs, error],
    );
  }

  async markRecorded(delivery: Pick<OutboundDelivery, 'requestId' | 'outboundId'>): Promise<void> {
    await this.pool.query('UPDATE outbound_deliveries SET outcome_recorded = true, updated_at = now() WHERE request_id = $1 AND outbound_id = $2', [
      delivery.requestId,
      delivery.outboundId,
    ]);
  }

  async unrecorded(limit: number): Promise<SettledDelivery[]> {
    // Settled a few seconds ago at least: the worker that settled it normally records it itself.
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT * FROM outbound_deliveries
        WHERE status <> 'pending' AND NOT outcome_recorded AND updated_at < now() - interval '5 seconds'
        ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      requestId: row.request_id,
      outboundId: row.outbound_id,
      outcome:
        row.status === 'sent'
          ? { status: 'sent', ...(row.channel_message_id ? { channelMessageId: row.channel_message_id } : {}) }
          : { status: 'failed', reason: row.last_error ?? 'unknown' },
    }));
  }

  async nextDueAt(): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ due: Date | null }>(`SELECT min(next_attempt_at) AS due FROM outbound_deliveries WHERE status = 'pending'`);
    return rows[0]?.due ?? undefined;
  }

  async depth(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM outbound_deliveries WHERE status = 'pending'`);
    return Number(rows[0].n);
  }
}

function toDelivery(row: DeliveryRow): OutboundDelivery {
  return { requestId: row.request_id, outboundId: row.outbound_id, kind: row.kind, contact: row.contact, text: row.text };
}
