import { assertNever } from '@switchboard/kernel';
import type { RecordedEvent } from '@switchboard/eventstore';
import { asIncidentEvent, asRequestEvent, defaultPriority, incidentEventTypes } from '@switchboard/service-desk/domain';
import type { Projection, ProjectionTx } from '../framework/projection';
import { serviceDeskStreams } from '../framework/projection';
import { advanceSla, nextSlaDueAt } from './sla-columns';

// One statement per event, as in the request list.

const ms = (param: string): string => `date_trunc('milliseconds', ${param}::timestamptz)`;

/** The incident row moved to revision $2 (with `set`, parameters from $4), only if it has not seen it yet. `$3`: the event time. */
const advance = (set: string): string =>
  `UPDATE rm_incidents SET last_revision = $2, updated_at = greatest(updated_at, ${ms('$3')})${set ? `, ${set}` : ''}
    WHERE id = $1 AND last_revision < $2`;

/**
 * The request's department and assignee, copied onto its incidents for help-desk visibility. Kept
 * per request in rm_incident_requests under the request stream's own revision, so request and
 * incident events may arrive in any order: whichever comes second completes the incident row.
 */
async function applyRequestEvent(tx: ProjectionTx, recorded: RecordedEvent): Promise<void> {
  const event = asRequestEvent(recorded);
  if (!event || (event.type !== 'RequestRegistered' && event.type !== 'RequestAssigned')) return;
  await tx.query(
    `WITH x AS (
       INSERT INTO rm_incident_requests (request_id, last_revision, department, assignee_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id) DO UPDATE SET last_revision = excluded.last_revision, department = excluded.department, assignee_id = excluded.assignee_id
        WHERE rm_incident_requests.last_revision < excluded.last_revision
       RETURNING *)
     UPDATE rm_incidents i SET request_department = x.department, request_assignee_id = x.assignee_id FROM x WHERE i.request_id = x.request_id`,
    [
      recorded.streamId.slice('request-'.length),
      recorded.revision.toString(),
      event.data.department ?? null,
      event.type === 'RequestAssigned' ? event.data.assigneeId : null,
    ],
  );
}

/** The incident list (one row per incident, with its request's department and assignee) and each incident's narrative. */
export const incidentListProjection: Projection = {
  name: 'incident-list',
  version: 3,
  tables: ['rm_incidents', 'rm_incident_narrative', 'rm_incident_requests'],
  filter: serviceDeskStreams,
  handles: [...incidentEventTypes, 'RequestRegistered', 'RequestAssigned'],

  async apply(tx, recorded) {
    if (recorded.streamId.startsWith('request-')) return applyRequestEvent(tx, recorded);
    const event = asIncidentEvent(recorded);
    if (!event) return;
    const id = recorded.streamId.slice('incident-'.length);
    const revision = recorded.revision.toString();
    const at = event.data.at;
    switch (event.type) {
      case 'IncidentOpened': {
        const o = event.data;
        // The request's events may have come first: take what rm_incident_requests knows.
        await tx.query(
          `INSERT INTO rm_incidents (id, last_revision, request_id, state, service_code, work_group_code, created_by, created_at, updated_at,
                                    request_department, request_assignee_id, priority)
           SELECT $1::uuid, $2::bigint, $3::uuid, 'NEW', $4::int, $5::int, $6::text, ${ms('$7')}, ${ms('$7')}, x.department, x.assignee_id, $8::text
             FROM (VALUES (1)) AS one (n) LEFT JOIN rm_incident_requests x ON x.request_id = $3::uuid
           ON CONFLICT (id) DO NOTHING`,
          [id, revision, o.requestId, o.serviceCode, o.workGroupCode, o.by, o.at, o.priority ?? defaultPriority],
        );
        return;
      }
      case 'IncidentAssigned':
        await tx.query(advance('assignee_id = $4, state = coalesce($5, state)'), [id, revision, at, event.data.assigneeId, event.data.transition?.to ?? null]);
        return;
      case 'IncidentPrioritySet':
        await tx.query(advance('priority = $4'), [id, revision, at, event.data.priority]);
        return;
      case 'IncidentStarted':
        await tx.query(advance('assignee_id = $4, state = $5'), [id, revision, at, event.data.assigneeId, event.data.transition.to]);
        return;
      case 'IncidentPutOnHold':
        await tx.query(advance('state = $4, hold_reason = $5'), [id, revision, at, event.data.transition.to, event.data.reason]);
        return;
      case 'IncidentResumed':
        await tx.query(advance('state = $4, hold_reason = NULL'), [id, revision, at, event.data.transition.to]);
        return;
      case 'NarrativeAdded': {
        const n = event.data;
        await tx.query(
          `WITH moved AS (${advance(`narrative_count = narrative_count + 1, last_narrative_text = $4, last_narrative_at = ${ms('$5')}`)} RETURNING id)
           INSERT INTO rm_incident_narrative (incident_id, revision, narrative_id, text, author, at)
           SELECT moved.id, $2::bigint, $6::text, $4::text, $7::text, ${ms('$5')} FROM moved
           ON CONFLICT (incident_id, revision) DO NOTHING`,
          [id, revision, at, n.text, n.at, n.narrativeId, n.by],
        );
        return;
      }
      case 'IncidentResolved':
        await tx.query(advance('state = $4, resolution = $5'), [id, revision, at, event.data.transition.to, event.data.resolution]);
        return;
      case 'IncidentReopened':
        await tx.query(advance('state = $4, resolution = NULL'), [id, revision, at, event.data.transition.to]);
        return;
      case 'IncidentClosed':
        await tx.query(advance(`state = $4, closed_at = ${ms('$3')}`), [id, revision, at, event.data.transition.to]);
        return;
      case 'IncidentCancelled':
        await tx.query(advance(`state = $4, cancel_reason = $5, closed_at = ${ms('$3')}`), [id, revision, at, event.data.transition.to, event.data.reason]);
        return;
      case 'IncidentSlaClockSet':
        await tx.query(advanceSla('rm_incidents', 'sla = $3::jsonb, sla_due_at = $4::timestamptz'), [
          id,
          revision,
          JSON.stringify(event.data.clock),
          nextSlaDueAt(event.data.clock),
        ]);
        return;
      case 'IncidentSlaWarning':
        await tx.query(advanceSla('rm_incidents', 'sla_warned = true'), [id, revision]);
        return;
      case 'IncidentSlaBreached':
        await tx.query(advanceSla('rm_incidents', 'sla_breached = true'), [id, revision]);
        return;
      default:
        return assertNever(event);
    }
  },
};
