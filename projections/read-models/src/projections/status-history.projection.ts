import type { RecordedEvent } from '@switchboard/eventstore';
import type { IncidentEvent, RequestEvent } from '@switchboard/service-desk/domain';
import type { Projection } from '../framework/projection';
import { serviceDeskStreams } from '../framework/projection';

interface StateChange {
  readonly from: string | null;
  readonly to: string;
}

/** The state change an event records, if it records one. Creation counts: from nothing to NEW. */
function stateChangeOf(event: RequestEvent | IncidentEvent): StateChange | undefined {
  switch (event.type) {
    case 'RequestRegistered':
    case 'IncidentOpened':
      return { from: null, to: 'NEW' };
    case 'RequestAssigned':
    case 'IncidentAssigned':
      return event.data.transition;
    case 'RequestEscalated':
    case 'RequestClosed':
    case 'IncidentStarted':
    case 'IncidentPutOnHold':
    case 'IncidentResumed':
    case 'IncidentResolved':
    case 'IncidentClosed':
    case 'IncidentCancelled':
      return event.data.transition;
    default:
      return undefined;
  }
}

const entityOf = (recorded: RecordedEvent): { type: 'request' | 'incident'; id: string } =>
  recorded.streamId.startsWith('request-')
    ? { type: 'request', id: recorded.streamId.slice('request-'.length) }
    : { type: 'incident', id: recorded.streamId.slice('incident-'.length) };

/**
 * One row per state change of a request or an incident. The row's key is the event's stream and
 * revision, so the key itself is the revision guard: a replayed event inserts nothing.
 */
export const statusHistoryProjection: Projection = {
  name: 'status-history',
  version: 1,
  tables: ['rm_status_history'],
  filter: serviceDeskStreams,
  handles: [
    'RequestRegistered',
    'RequestAssigned',
    'RequestEscalated',
    'RequestClosed',
    'IncidentOpened',
    'IncidentAssigned',
    'IncidentStarted',
    'IncidentPutOnHold',
    'IncidentResumed',
    'IncidentResolved',
    'IncidentClosed',
    'IncidentCancelled',
  ],

  async apply(tx, recorded) {
    const event = { type: recorded.type, data: recorded.data } as RequestEvent | IncidentEvent;
    const change = stateChangeOf(event);
    if (!change) return;
    const entity = entityOf(recorded);
    await tx.query(
      `INSERT INTO rm_status_history (entity_type, entity_id, revision, event_type, from_state, to_state, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, date_trunc('milliseconds', $8::timestamptz))
       ON CONFLICT (entity_type, entity_id, revision) DO NOTHING`,
      [entity.type, entity.id, recorded.revision.toString(), recorded.type, change.from, change.to, event.data.by, event.data.at],
    );
  },
};
