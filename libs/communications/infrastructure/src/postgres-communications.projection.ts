import type { Pool } from 'pg';
import type { ProcessorDefinition, ProcessorTransaction } from '@switchboard/eventstore/processing';
import type { RecordedEvent } from '@switchboard/eventstore';
import { communicationStatuses } from '@switchboard/communications/domain';
import type { CommunicationEvent, CommunicationStatus } from '@switchboard/communications/domain';

/** Bump to rebuild the list from the start of the store. */
export const COMMUNICATIONS_PROJECTION_VERSION = 1;

const STATUS_OF: Partial<Record<CommunicationEvent['type'], CommunicationStatus>> = {
  CommunicationBooked: 'BOOKED',
  CommunicationCancelled: 'CANCELLED',
  CommunicationDispatched: 'DISPATCHED',
  CommunicationSent: 'SENT',
  CommunicationDelivered: 'DELIVERED',
  CommunicationFailed: 'FAILED',
  CommunicationBlocked: 'BLOCKED',
};

/**
 * The communications read model (`rm_communications`) for the list API: one row per
 * communication, in the processor's transaction with its checkpoint; `last_revision` makes a
 * replayed event a no-op.
 */
export function communicationsProjection(): ProcessorDefinition {
  return {
    name: 'communications-list',
    version: COMMUNICATIONS_PROJECTION_VERSION,
    filter: { streamPrefixes: ['communication-'] },
    batch: { maxEvents: 200 },
    handler: {
      kind: 'transactional',
      async handle(tx: ProcessorTransaction, events: readonly RecordedEvent[]) {
        for (const event of events) await apply(tx, event);
      },
    },
  };
}

async function apply(tx: ProcessorTransaction, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as CommunicationEvent;
  const revision = recorded.revision.toString();
  const data = event.data;
  if (event.type === 'CommunicationRequested') {
    const d = event.data;
    await tx.query(
      `INSERT INTO rm_communications (id, department, client_id, communication_type, channel, status, text, origin_kind, origin_id, requested_by, requested_at, updated_at, last_revision)
       VALUES ($1, $2, $3, $4, $5, 'NOT_SENT', $6, $7, $8, $9, $10, $10, $11) ON CONFLICT (id) DO NOTHING`,
      [
        d.communicationId,
        d.department,
        d.clientId,
        d.communicationType,
        d.channel ?? null,
        d.message.text,
        d.origin?.kind ?? null,
        d.origin?.id ?? null,
        d.by,
        d.at,
        revision,
      ],
    );
    return;
  }
  const status = STATUS_OF[event.type];
  if (!status || !communicationStatuses.includes(status)) return;
  const channel = event.type === 'CommunicationDispatched' || event.type === 'CommunicationSent' ? event.data.channel : null;
  const address = event.type === 'CommunicationDispatched' ? event.data.address : null;
  const bookedUntil = event.type === 'CommunicationBooked' ? event.data.until : null;
  const reason =
    event.type === 'CommunicationFailed'
      ? event.data.reason
      : event.type === 'CommunicationBlocked'
        ? `${event.data.rule}: ${event.data.detail}`
        : event.type === 'CommunicationBooked'
          ? event.data.reason
          : event.type === 'CommunicationCancelled'
            ? (event.data.reason ?? null)
            : null;
  await tx.query(
    `UPDATE rm_communications SET status = $2, channel = coalesce($3, channel), address = coalesce($4, address),
            booked_until = CASE WHEN $2 = 'BOOKED' THEN $5::timestamptz ELSE booked_until END, reason = $6, updated_at = $7, last_revision = $8
      WHERE id = $1 AND last_revision < $8`,
    [data.communicationId, status, channel, address, bookedUntil, reason, data.at, revision],
  );
}

export interface CommunicationListRow {
  readonly id: string;
  readonly department: string;
  readonly clientId: string;
  readonly communicationType: string;
  readonly channel?: string;
  readonly status: CommunicationStatus;
  readonly text: string;
  readonly bookedUntil?: string;
  readonly reason?: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

/** The list API's query over the read model: newest first, filtered, keyset-paged by (requested_at, id). */
export async function listCommunications(
  pool: Pool,
  filter: { clientId?: string; departments?: readonly string[]; status?: string; limit: number },
): Promise<CommunicationListRow[]> {
  const { rows } = await pool.query<{
    id: string;
    department: string;
    client_id: string;
    communication_type: string;
    channel: string | null;
    status: CommunicationStatus;
    text: string;
    booked_until: Date | null;
    reason: string | null;
    requested_by: string;
    requested_at: Date;
    updated_at: Date;
  }>(
    `SELECT * FROM rm_communications
      WHERE ($1::text IS NULL OR client_id = $1) AND ($2::text[] IS NULL OR department = ANY($2)) AND ($3::text IS NULL OR status = $3)
      ORDER BY requested_at DESC, id LIMIT $4`,
    [filter.clientId ?? null, filter.departments ? [...filter.departments] : null, filter.status ?? null, filter.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    department: r.department,
    clientId: r.client_id,
    communicationType: r.communication_type,
    ...(r.channel ? { channel: r.channel } : {}),
    status: r.status,
    text: r.text,
    ...(r.booked_until ? { bookedUntil: r.booked_until.toISOString() } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}
