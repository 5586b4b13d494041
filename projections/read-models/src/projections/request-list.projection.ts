import { assertNever } from '@switchboard/kernel';
import type { RecordedEvent } from '@switchboard/eventstore';
import { asIncidentEvent, asRequestEvent, incidentStateEventTypes, requestEventTypes, stateChangeOf } from '@switchboard/service-desk/domain';
import type { Projection, ProjectionTx } from '../framework/projection';
import { serviceDeskStreams } from '../framework/projection';
import { advanceSla, nextSlaDueAt } from './sla-columns';

// One statement per event (a rebuild replays millions): follow-up writes hang off a CTE that
// only returns a row when the guarded update happened.

const ms = (param: string): string => `date_trunc('milliseconds', ${param}::timestamptz)`;

/**
 * The request row moved to revision $2 (with `set`, parameters from $4), only if it has not seen
 * that revision yet: a replayed event changes nothing. `$3` is the event time (updated_at).
 */
const advance = (set: string): string =>
  `UPDATE rm_requests SET last_revision = $2, updated_at = greatest(updated_at, ${ms('$3')})${set ? `, ${set}` : ''}
    WHERE id = $1 AND last_revision < $2`;

/** `advance`, and when it moved the row, a conversation entry: its parameters follow the `setParams` of `set`. */
const advanceWithMessage = (set: string, setParams: number): string => {
  const p = (i: number): string => `$${4 + setParams + i}`;
  return `WITH moved AS (${advance(set)} RETURNING id)
   INSERT INTO rm_request_messages (request_id, revision, kind, message_id, channel, text, attachments, author, at, delivery)
   SELECT moved.id, $2::bigint, ${p(0)}::text, ${p(1)}::text, ${p(2)}::text, ${p(3)}::text, ${p(4)}::jsonb, ${p(5)}::text, ${ms(p(6))}, ${p(7)}::text FROM moved
   ON CONFLICT (request_id, revision) DO NOTHING`;
};

// Every message's text joins the request's search text (up to 8,000 characters; the last message is always in it).
const LAST_MESSAGE = `message_count = message_count + 1, last_message_text = $4, last_message_at = ${ms('$5')}, last_message_direction = $6,
  message_texts = left(CASE WHEN message_texts = '' THEN $4 ELSE message_texts || ' ' || $4 END, 8000)`;

interface Message {
  readonly kind: 'inbound' | 'reply' | 'notification';
  readonly messageId: string;
  readonly channel: string;
  readonly text: string;
  readonly attachments: unknown;
  readonly by: string;
  readonly at: string;
}

const messageParams = (m: Message): unknown[] => [
  m.kind,
  m.messageId,
  m.channel,
  m.text,
  JSON.stringify(m.attachments),
  m.by,
  m.at,
  m.kind === 'inbound' ? null : 'pending',
];

/** Copies an incident (rows `ri` of a CTE or subquery) onto its request, unless the request names another incident. */
const COPY_INCIDENT = `UPDATE rm_requests r SET incident_id = ri.incident_id, incident_state = ri.state, incident_assignee_id = ri.assignee_id,
         incident_work_group_code = ri.work_group_code
   FROM ri WHERE r.id = ri.request_id AND (r.incident_id IS NULL OR r.incident_id = ri.incident_id)`;

/**
 * The request's incident, copied onto the request row for the list and for SL3 visibility. Each
 * incident is kept in rm_request_incidents under the incident stream's own revision, so incident
 * and request events may arrive in any order: whichever comes second completes the request row.
 */
async function applyIncidentEvent(tx: ProjectionTx, recorded: RecordedEvent): Promise<void> {
  const event = asIncidentEvent(recorded);
  if (!event) return;
  const incidentId = recorded.streamId.slice('incident-'.length);
  const revision = recorded.revision.toString();
  if (event.type === 'IncidentOpened') {
    await tx.query(
      `WITH ri AS (
         INSERT INTO rm_request_incidents (incident_id, request_id, last_revision, state, work_group_code) VALUES ($1, $2, $3, 'NEW', $4)
         ON CONFLICT (incident_id) DO NOTHING RETURNING *)
       ${COPY_INCIDENT}`,
      [incidentId, event.data.requestId, revision, event.data.workGroupCode],
    );
    return;
  }
  const assignee = event.type === 'IncidentAssigned' || event.type === 'IncidentStarted' ? event.data.assigneeId : null;
  const to = stateChangeOf(event)?.to ?? null;
  await tx.query(
    `WITH ri AS (
       UPDATE rm_request_incidents SET last_revision = $2, state = coalesce($3, state), assignee_id = coalesce($4, assignee_id)
        WHERE incident_id = $1 AND last_revision < $2 RETURNING *)
     ${COPY_INCIDENT}`,
    [incidentId, revision, to, assignee],
  );
}

/** The request list (one row per request, with its incident) and each request's conversation. */
export const requestListProjection: Projection = {
  name: 'request-list',
  version: 4,
  tables: ['rm_requests', 'rm_request_messages', 'rm_request_incidents'],
  filter: serviceDeskStreams,
  // Of the incident: whatever moves its state or its assignee, for the request's copy of it.
  handles: [...requestEventTypes, ...incidentStateEventTypes],

  async apply(tx, recorded) {
    if (recorded.streamId.startsWith('incident-')) return applyIncidentEvent(tx, recorded);
    const event = asRequestEvent(recorded);
    if (!event) return;
    const id = recorded.streamId.slice('request-'.length);
    const revision = recorded.revision.toString();
    const at = event.data.at;
    switch (event.type) {
      case 'RequestRegistered': {
        const r = event.data;
        // Its incident's events may have come first: take what rm_request_incidents knows.
        await tx.query(
          `INSERT INTO rm_requests (id, last_revision, state, channel, contact_address, contact_name, subject, department, client_id,
                                   created_by, created_at, updated_at, incident_id, incident_state, incident_assignee_id, incident_work_group_code, previous_request_id,
                                   priority, tags, routing_rule_id, routing_rule_name, unit_id, building_id, site_slug)
           SELECT $1::uuid, $2::bigint, 'NEW', $3::text, $4::text, $5::text, $6::text, $7::text, $8::uuid, $9::text, ${ms('$10')}, ${ms('$10')},
                  ri.incident_id, ri.state, ri.assignee_id, ri.work_group_code, $11::uuid, $12::text, $13::text[], $14::uuid, $15::text, $16::uuid, $17::uuid, $18::text
             FROM (VALUES (1)) AS one (n)
             LEFT JOIN LATERAL (SELECT * FROM rm_request_incidents x WHERE x.request_id = $1::uuid ORDER BY x.last_revision DESC LIMIT 1) ri ON true
           ON CONFLICT (id) DO NOTHING`,
          [
            id,
            revision,
            r.contact.channel,
            r.contact.address,
            r.contact.displayName ?? null,
            r.subject ?? null,
            r.department ?? null,
            r.clientId ?? null,
            r.by,
            r.at,
            r.previousRequestId ?? null,
            r.priority ?? 'P3',
            r.tags ?? [],
            r.routedBy?.ruleId ?? null,
            r.routedBy?.ruleName ?? null,
            r.unitId ?? null,
            r.buildingId ?? null,
            r.siteSlug ?? null,
          ],
        );
        return;
      }
      case 'RequestAssigned':
        await tx.query(advance('assignee_id = $4, department = $5, state = coalesce($6, state)'), [
          id,
          revision,
          at,
          event.data.assigneeId,
          event.data.department ?? null,
          event.data.transition?.to ?? null,
        ]);
        return;
      case 'RequestPrioritySet':
        await tx.query(advance('priority = $4'), [id, revision, at, event.data.priority]);
        return;
      case 'ClientLinked':
        // Another client's order no longer applies (as in the decider's evolve).
        await tx.query(
          advance(
            `order_id = CASE WHEN client_id = $4::uuid THEN order_id END, order_code = CASE WHEN client_id = $4::uuid THEN order_code END, client_id = $4::uuid`,
          ),
          [id, revision, at, event.data.clientId],
        );
        return;
      case 'OrderLinked':
        await tx.query(advance('order_id = $4, order_code = $5'), [id, revision, at, event.data.orderId, event.data.orderCode]);
        return;
      case 'RequestUnitSet':
        await tx.query(advance('unit_id = $4, building_id = $5, site_slug = $6'), [
          id,
          revision,
          at,
          event.data.unitId,
          event.data.buildingId,
          event.data.siteSlug,
        ]);
        return;
      case 'MessageReceived': {
        const m = event.data;
        const message: Message = {
          kind: 'inbound',
          messageId: m.messageId,
          channel: m.channel,
          text: m.text,
          attachments: m.attachments,
          by: m.by,
          at: m.receivedAt,
        };
        await tx.query(advanceWithMessage(LAST_MESSAGE, 3), [id, revision, at, m.text, m.receivedAt, 'inbound', ...messageParams(message)]);
        return;
      }
      case 'ReplySent': {
        const m = event.data;
        const message: Message = { kind: 'reply', messageId: m.replyId, channel: m.contact.channel, text: m.text, attachments: [], by: m.by, at: m.at };
        await tx.query(advanceWithMessage(LAST_MESSAGE, 3), [id, revision, at, m.text, m.at, 'outbound', ...messageParams(message)]);
        return;
      }
      case 'ClientNotified': {
        // Part of the conversation, not the request's last message.
        const n = event.data;
        const message: Message = {
          kind: 'notification',
          messageId: n.notificationId,
          channel: n.contact.channel,
          text: n.text,
          attachments: [],
          by: n.by,
          at: n.at,
        };
        await tx.query(advanceWithMessage('', 0), [id, revision, at, ...messageParams(message)]);
        return;
      }
      case 'RequestEscalated':
        // Take what rm_request_incidents knows of the incident already (its events may have come first).
        await tx.query(
          `UPDATE rm_requests r SET last_revision = $2, updated_at = greatest(r.updated_at, ${ms('$3')}), state = $4, service_code = $6,
                  incident_id = $5::uuid,
                  incident_state = coalesce(ri.state, CASE WHEN r.incident_id = $5::uuid THEN r.incident_state END),
                  incident_assignee_id = CASE WHEN ri.incident_id IS NOT NULL THEN ri.assignee_id WHEN r.incident_id = $5::uuid THEN r.incident_assignee_id END,
                  incident_work_group_code = coalesce(ri.work_group_code, CASE WHEN r.incident_id = $5::uuid THEN r.incident_work_group_code END)
             FROM (VALUES ($5::uuid)) AS v (incident_id) LEFT JOIN rm_request_incidents ri ON ri.incident_id = v.incident_id
            WHERE r.id = $1 AND r.last_revision < $2`,
          [id, revision, at, event.data.transition.to, event.data.incidentId, event.data.serviceCode],
        );
        return;
      case 'RequestClosed':
        await tx.query(advance(`state = $4, closed_reason = $5, closed_at = ${ms('$6')}`), [id, revision, at, event.data.transition.to, event.data.reason, at]);
        return;
      case 'RequestReopened':
        await tx.query(advance('state = $4, closed_reason = NULL, closed_at = NULL'), [id, revision, at, event.data.transition.to]);
        return;
      case 'OutboundScheduled':
        // Its delivery time is when it is scheduled to go.
        await recordOutbound(tx, id, revision, event.data.outboundId, 'scheduled', event.data.until, event.data.reason, null);
        break;
      case 'OutboundSent':
        await recordOutbound(tx, id, revision, event.data.outboundId, 'sent', at, null, event.data.channelMessageId ?? null);
        return;
      case 'OutboundDelivered':
        await recordOutbound(tx, id, revision, event.data.outboundId, 'delivered', at, null, null);
        return;
      case 'OutboundFailed':
        await recordOutbound(tx, id, revision, event.data.outboundId, 'failed', at, event.data.reason, null);
        return;
      case 'RequestSlaClockSet':
        await tx.query(advanceSla('rm_requests', 'sla = $3::jsonb, sla_due_at = $4::timestamptz'), [
          id,
          revision,
          JSON.stringify(event.data.clock),
          nextSlaDueAt(event.data.clock),
        ]);
        return;
      case 'RequestSlaWarning':
        await tx.query(advanceSla('rm_requests', 'sla_warned = true'), [id, revision]);
        return;
      case 'RequestSlaBreached':
        await tx.query(advanceSla('rm_requests', 'sla_breached = true'), [id, revision]);
        return;
      default:
        return assertNever(event);
    }
  },
};

/**
 * Where sending a reply or notification stands (its id is the outbound id; for `scheduled` the time
 * is when it goes). Moves the request's revision but not its updated_at: delivery receipts do not
 * reorder the lists.
 */
async function recordOutbound(
  tx: ProjectionTx,
  id: string,
  revision: string,
  outboundId: string,
  delivery: 'scheduled' | 'sent' | 'delivered' | 'failed',
  at: string,
  reason: string | null,
  channelMessageId: string | null,
): Promise<void> {
  await tx.query(
    `WITH moved AS (UPDATE rm_requests SET last_revision = $2 WHERE id = $1 AND last_revision < $2 RETURNING id)
     UPDATE rm_request_messages m SET delivery = $4, delivery_reason = $5, channel_message_id = coalesce($6, m.channel_message_id), delivery_at = ${ms('$7')}
       FROM moved WHERE m.request_id = moved.id AND m.message_id = $3 AND m.kind IN ('reply', 'notification')`,
    [id, revision, outboundId, delivery, reason, channelMessageId, at],
  );
}
