import { assertNever } from '@switchboard/kernel';
import type { RecordedEvent } from '@switchboard/eventstore';
import { incidentEventTypes } from '@switchboard/service-desk/domain';
import type { IncidentEvent, RequestEvent } from '@switchboard/service-desk/domain';
import type { Projection, ProjectionTx } from '../framework/projection';
import { serviceDeskStreams } from '../framework/projection';

/** Moves an incident row to `revision` only if it has not seen it yet (a replay is a no-op). */
async function advanceIncident(tx: ProjectionTx, event: RecordedEvent, at: string, set: string, values: unknown[] = []): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE rm_incidents SET last_revision = $2, updated_at = greatest(updated_at, date_trunc('milliseconds', $3::timestamptz))${set ? `, ${set}` : ''}
      WHERE id = $1 AND last_revision < $2`,
    [incidentIdOf(event), event.revision.toString(), at, ...values],
  );
  return rowCount === 1;
}

/**
 * The request's department and assignee, copied onto its incidents for help-desk visibility. Kept
 * per request in rm_incident_requests under the request stream's own revision, so request and
 * incident events may arrive in any order: whichever comes second completes the incident row.
 */
async function applyRequestEvent(tx: ProjectionTx, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as RequestEvent;
  if (event.type !== 'RequestRegistered' && event.type !== 'RequestAssigned') return;
  const requestId = recorded.streamId.slice('request-'.length);
  const assignee = event.type === 'RequestAssigned' ? event.data.assigneeId : null;
  const { rowCount } = await tx.query(
    `INSERT INTO rm_incident_requests (request_id, last_revision, department, assignee_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (request_id) DO UPDATE SET last_revision = excluded.last_revision, department = excluded.department, assignee_id = excluded.assignee_id
      WHERE rm_incident_requests.last_revision < excluded.last_revision`,
    [requestId, recorded.revision.toString(), event.data.department ?? null, assignee],
  );
  if (rowCount !== 1) return;
  await tx.query(
    `UPDATE rm_incidents i SET request_department = x.department, request_assignee_id = x.assignee_id
       FROM rm_incident_requests x WHERE x.request_id = $1 AND i.request_id = x.request_id`,
    [requestId],
  );
}

function incidentIdOf(event: RecordedEvent): string {
  return event.streamId.slice('incident-'.length);
}

/** The incident list (one row per incident, with its request's department and assignee) and each incident's narrative. */
export const incidentListProjection: Projection = {
  name: 'incident-list',
  version: 1,
  tables: ['rm_incidents', 'rm_incident_narrative', 'rm_incident_requests'],
  filter: serviceDeskStreams,
  handles: [...incidentEventTypes, 'RequestRegistered', 'RequestAssigned'],

  async apply(tx, recorded) {
    if (recorded.streamId.startsWith('request-')) return applyRequestEvent(tx, recorded);
    const event = { type: recorded.type, data: recorded.data } as IncidentEvent;
    const at = event.data.at;
    switch (event.type) {
      case 'IncidentOpened': {
        const o = event.data;
        // The request's events may have come first.
        await tx.query(
          `INSERT INTO rm_incidents (id, last_revision, request_id, state, service_code, work_group_code, created_by, created_at, updated_at,
                                    request_department, request_assignee_id)
           SELECT $1::uuid, $2::bigint, $3::uuid, 'NEW', $4::int, $5::int, $6::text, date_trunc('milliseconds', $7::timestamptz),
                  date_trunc('milliseconds', $7::timestamptz), x.department, x.assignee_id
             FROM (VALUES (1)) AS one (n) LEFT JOIN rm_incident_requests x ON x.request_id = $3::uuid
           ON CONFLICT (id) DO NOTHING`,
          [incidentIdOf(recorded), recorded.revision.toString(), o.requestId, o.serviceCode, o.workGroupCode, o.by, o.at],
        );
        return;
      }
      case 'IncidentAssigned':
        await advanceIncident(tx, recorded, at, 'assignee_id = $4, state = coalesce($5, state)', [event.data.assigneeId, event.data.transition?.to ?? null]);
        return;
      case 'IncidentStarted':
        await advanceIncident(tx, recorded, at, 'assignee_id = $4, state = $5', [event.data.assigneeId, event.data.transition.to]);
        return;
      case 'IncidentPutOnHold':
        await advanceIncident(tx, recorded, at, 'state = $4, hold_reason = $5', [event.data.transition.to, event.data.reason]);
        return;
      case 'IncidentResumed':
        await advanceIncident(tx, recorded, at, 'state = $4, hold_reason = NULL', [event.data.transition.to]);
        return;
      case 'NarrativeAdded': {
        const n = event.data;
        const moved = await advanceIncident(
          tx,
          recorded,
          at,
          `narrative_count = narrative_count + 1, last_narrative_text = $4, last_narrative_at = date_trunc('milliseconds', $5::timestamptz)`,
          [n.text, n.at],
        );
        if (moved) {
          await tx.query(
            `INSERT INTO rm_incident_narrative (incident_id, revision, narrative_id, text, author, at)
             VALUES ($1, $2, $3, $4, $5, date_trunc('milliseconds', $6::timestamptz)) ON CONFLICT (incident_id, revision) DO NOTHING`,
            [incidentIdOf(recorded), recorded.revision.toString(), n.narrativeId, n.text, n.by, n.at],
          );
        }
        return;
      }
      case 'IncidentResolved':
        await advanceIncident(tx, recorded, at, 'state = $4, resolution = $5', [event.data.transition.to, event.data.resolution]);
        return;
      case 'IncidentClosed':
        await advanceIncident(tx, recorded, at, `state = $4, closed_at = date_trunc('milliseconds', $5::timestamptz)`, [event.data.transition.to, at]);
        return;
      case 'IncidentCancelled':
        await advanceIncident(tx, recorded, at, `state = $4, cancel_reason = $5, closed_at = date_trunc('milliseconds', $6::timestamptz)`, [
          event.data.transition.to,
          event.data.reason,
          at,
        ]);
        return;
      default:
        return assertNever(event);
    }
  },
};
