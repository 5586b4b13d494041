import { assertNever } from '@switchboard/kernel';
import type { RecordedEvent } from '@switchboard/eventstore';
import { requestEventTypes } from '@switchboard/service-desk/domain';
import type { IncidentEvent, RequestEvent } from '@switchboard/service-desk/domain';
import type { Projection, ProjectionTx } from '../framework/projection';
import { serviceDeskStreams } from '../framework/projection';

/**
 * Moves a request row to `revision` with the given column changes, only if the row has not seen
 * that revision yet: a replayed event changes nothing. Returns whether the row moved.
 */
async function advanceRequest(tx: ProjectionTx, event: RecordedEvent, at: string | undefined, set: string, values: unknown[] = []): Promise<boolean> {
  // Without `at` the request's updated_at stays: delivery receipts do not reorder the lists.
  const { rowCount } = await tx.query(
    `UPDATE rm_requests SET last_revision = $2, updated_at = greatest(updated_at, date_trunc('milliseconds', coalesce($3::timestamptz, updated_at)))${set ? `, ${set}` : ''}
      WHERE id = $1 AND last_revision < $2`,
    [requestIdOf(event), event.revision.toString(), at, ...values],
  );
  return rowCount === 1;
}

async function addMessage(
  tx: ProjectionTx,
  event: RecordedEvent,
  message: { kind: 'inbound' | 'reply' | 'notification'; messageId: string; channel: string; text: string; attachments: unknown; by: string; at: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO rm_request_messages (request_id, revision, kind, message_id, channel, text, attachments, author, at, delivery)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, date_trunc('milliseconds', $9::timestamptz), CASE WHEN $3 = 'inbound' THEN NULL ELSE 'pending' END)
     ON CONFLICT (request_id, revision) DO NOTHING`,
    [requestIdOf(event), event.revision.toString(), message.kind, message.messageId, message.channel, message.text, JSON.stringify(message.attachments), message.by, message.at],
  );
}

/** The delivery state of a reply or notification in the conversation (its id is the outbound id). */
async function recordOutbound(
  tx: ProjectionTx,
  event: RecordedEvent,
  outboundId: string,
  delivery: 'sent' | 'delivered' | 'failed',
  at: string,
  reason: string | null,
  channelMessageId: string | null,
): Promise<void> {
  if (!(await advanceRequest(tx, event, undefined, ''))) return;
  await tx.query(
    `UPDATE rm_request_messages SET delivery = $3, delivery_reason = $4, channel_message_id = coalesce($5, channel_message_id),
            delivery_at = date_trunc('milliseconds', $6::timestamptz)
      WHERE request_id = $1 AND message_id = $2 AND kind IN ('reply', 'notification')`,
    [requestIdOf(event), outboundId, delivery, reason, channelMessageId, at],
  );
}

/**
 * The request's incident, copied onto the request row for the list and for SL3 visibility. Each
 * incident's state is kept in rm_request_incidents under the incident stream's own revision, so
 * incident and request events may arrive in any order: whichever comes second completes the row.
 */
async function applyIncidentEvent(tx: ProjectionTx, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as IncidentEvent;
  const incidentId = recorded.streamId.slice('incident-'.length);
  const revision = recorded.revision.toString();
  let changed: boolean;
  if (event.type === 'IncidentOpened') {
    const { rowCount } = await tx.query(
      `INSERT INTO rm_request_incidents (incident_id, request_id, last_revision, state, work_group_code) VALUES ($1, $2, $3, 'NEW', $4)
       ON CONFLICT (incident_id) DO NOTHING`,
      [incidentId, event.data.requestId, revision, event.data.workGroupCode],
    );
    changed = rowCount === 1;
  } else {
    const assignee = event.type === 'IncidentAssigned' || event.type === 'IncidentStarted' ? event.data.assigneeId : null;
    const to = 'transition' in event.data ? (event.data.transition?.to ?? null) : null;
    const { rowCount } = await tx.query(
      `UPDATE rm_request_incidents SET last_revision = $2, state = coalesce($3, state), assignee_id = coalesce($4, assignee_id)
        WHERE incident_id = $1 AND last_revision < $2`,
      [incidentId, revision, to, assignee],
    );
    changed = rowCount === 1;
  }
  if (changed) await copyIncident(tx, 'ri.incident_id = $1', incidentId);
}

/** Copies an incident onto its request row, unless the row names another incident. */
async function copyIncident(tx: ProjectionTx, which: string, key: string): Promise<void> {
  await tx.query(
    `UPDATE rm_requests r SET incident_id = ri.incident_id, incident_state = ri.state, incident_assignee_id = ri.assignee_id,
            incident_work_group_code = ri.work_group_code
       FROM (SELECT * FROM rm_request_incidents ri WHERE ${which} ORDER BY ri.last_revision DESC LIMIT 1) ri
      WHERE r.id = ri.request_id AND (r.incident_id IS NULL OR r.incident_id = ri.incident_id)`,
    [key],
  );
}

const incidentEventsForRequests = [
  'IncidentOpened',
  'IncidentAssigned',
  'IncidentStarted',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentResolved',
  'IncidentClosed',
  'IncidentCancelled',
] as const;

function requestIdOf(event: RecordedEvent): string {
  return event.streamId.slice('request-'.length);
}

// Columns $4.. of advanceRequest: the last message, for the list and for `q`.
const LAST_MESSAGE = `message_count = message_count + 1, last_message_text = $4,
  last_message_at = date_trunc('milliseconds', $5::timestamptz), last_message_direction = $6`;

/** The request list (one row per request, with its incident) and each request's conversation. */
export const requestListProjection: Projection = {
  name: 'request-list',
  version: 1,
  tables: ['rm_requests', 'rm_request_messages', 'rm_request_incidents'],
  filter: serviceDeskStreams,
  handles: [...requestEventTypes, ...incidentEventsForRequests],

  async apply(tx, recorded) {
    if (recorded.streamId.startsWith('incident-')) return applyIncidentEvent(tx, recorded);
    const event = { type: recorded.type, data: recorded.data } as RequestEvent;
    const d = event.data;
    switch (event.type) {
      case 'RequestRegistered': {
        const r = event.data;
        const { rowCount } = await tx.query(
          `INSERT INTO rm_requests (id, last_revision, state, channel, contact_address, contact_name, subject, department, client_id,
                                   created_by, created_at, updated_at)
           VALUES ($1, $2, 'NEW', $3, $4, $5, $6, $7, $8, $9, date_trunc('milliseconds', $10::timestamptz), date_trunc('milliseconds', $10::timestamptz))
           ON CONFLICT (id) DO NOTHING`,
          [requestIdOf(recorded), recorded.revision.toString(), r.contact.channel, r.contact.address, r.contact.displayName ?? null, r.subject ?? null, r.department ?? null, r.clientId ?? null, r.by, r.at],
        );
        // Its incident's events may have come first.
        if (rowCount === 1) await copyIncident(tx, 'ri.request_id = $1', requestIdOf(recorded));
        return;
      }
      case 'RequestAssigned':
        await advanceRequest(tx, recorded, d.at, 'assignee_id = $4, department = $5, state = coalesce($6, state)', [
          event.data.assigneeId,
          event.data.department ?? null,
          event.data.transition?.to ?? null,
        ]);
        return;
      case 'ClientLinked':
        // Another client's order no longer applies (as in the decider's evolve).
        await advanceRequest(
          tx,
          recorded,
          d.at,
          `order_id = CASE WHEN client_id = $4::uuid THEN order_id END, order_code = CASE WHEN client_id = $4::uuid THEN order_code END, client_id = $4::uuid`,
          [event.data.clientId],
        );
        return;
      case 'OrderLinked':
        await advanceRequest(tx, recorded, d.at, 'order_id = $4, order_code = $5', [event.data.orderId, event.data.orderCode]);
        return;
      case 'MessageReceived': {
        const m = event.data;
        if (await advanceRequest(tx, recorded, m.at, LAST_MESSAGE, [m.text, m.receivedAt, 'inbound'])) {
          await addMessage(tx, recorded, { kind: 'inbound', messageId: m.messageId, channel: m.channel, text: m.text, attachments: m.attachments, by: m.by, at: m.receivedAt });
        }
        return;
      }
      case 'ReplySent': {
        const m = event.data;
        if (await advanceRequest(tx, recorded, m.at, LAST_MESSAGE, [m.text, m.at, 'outbound'])) {
          await addMessage(tx, recorded, { kind: 'reply', messageId: m.replyId, channel: m.contact.channel, text: m.text, attachments: [], by: m.by, at: m.at });
        }
        return;
      }
      case 'RequestEscalated': {
        const moved = await advanceRequest(
          tx,
          recorded,
          d.at,
          `state = $4, service_code = $6, incident_id = $5::uuid,
           incident_state = CASE WHEN incident_id = $5::uuid THEN incident_state END,
           incident_assignee_id = CASE WHEN incident_id = $5::uuid THEN incident_assignee_id END,
           incident_work_group_code = CASE WHEN incident_id = $5::uuid THEN incident_work_group_code END`,
          [event.data.transition.to, event.data.incidentId, event.data.serviceCode],
        );
        if (moved) await copyIncident(tx, 'ri.incident_id = $1', event.data.incidentId);
        return;
      }
      case 'RequestClosed':
        await advanceRequest(tx, recorded, d.at, `state = $4, closed_reason = $5, closed_at = date_trunc('milliseconds', $6::timestamptz)`, [
          event.data.transition.to,
          event.data.reason,
          event.data.at,
        ]);
        return;
      case 'ClientNotified': {
        const n = event.data;
        // A notification is part of the conversation but not the request's last message.
        if (await advanceRequest(tx, recorded, n.at, '')) {
          await addMessage(tx, recorded, { kind: 'notification', messageId: n.notificationId, channel: n.contact.channel, text: n.text, attachments: [], by: n.by, at: n.at });
        }
        return;
      }
      case 'OutboundSent':
        await recordOutbound(tx, recorded, event.data.outboundId, 'sent', event.data.at, null, event.data.channelMessageId ?? null);
        return;
      case 'OutboundDelivered':
        await recordOutbound(tx, recorded, event.data.outboundId, 'delivered', event.data.at, null, null);
        return;
      case 'OutboundFailed':
        await recordOutbound(tx, recorded, event.data.outboundId, 'failed', event.data.at, event.data.reason, null);
        return;
      default:
        return assertNever(event);
    }
  },
};
