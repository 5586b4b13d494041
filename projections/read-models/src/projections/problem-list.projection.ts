import { assertNever } from '@switchboard/kernel';
import { asProblemEvent, problemEventTypes } from '@switchboard/service-desk/domain';
import type { Projection, ProjectionTx } from '../framework/projection';

const ms = (param: string): string => `date_trunc('milliseconds', ${param}::timestamptz)`;

/** The problem row moved to revision $2 (with `set`, parameters from $4), only if it has not seen it yet. `$3`: the event time. */
const advance = (set: string): string =>
  `UPDATE rm_problems SET last_revision = $2, updated_at = greatest(updated_at, ${ms('$3')})${set ? `, ${set}` : ''}
    WHERE id = $1 AND last_revision < $2`;

async function link(tx: ProjectionTx, problemId: string, revision: string, kind: 'incident' | 'request', ids: readonly string[], by: string, at: string) {
  // The links are keyed by what they link: seen again, nothing changes; the count is recounted, not added to.
  await tx.query(
    `INSERT INTO rm_problem_links (problem_id, kind, entity_id, linked_by, linked_at)
     SELECT $1, $2, unnest($3::uuid[]), $4, ${ms('$5')} ON CONFLICT DO NOTHING`,
    [problemId, kind, ids, by, at],
  );
  await tx.query(advance(`${kind}_count = (SELECT count(*) FROM rm_problem_links l WHERE l.problem_id = $1 AND l.kind = '${kind}')`), [
    problemId,
    revision,
    at,
  ]);
}

/**
 * The problem list and its links. It follows the request and incident streams too (and skips
 * their events), so its checkpoint passes every position a service-desk command returns.
 */
export const problemListProjection: Projection = {
  name: 'problem-list',
  version: 1,
  tables: ['rm_problems', 'rm_problem_links'],
  filter: { streamPrefixes: ['request-', 'incident-', 'problem-'] },
  handles: [...problemEventTypes],

  async apply(tx, recorded) {
    const event = asProblemEvent(recorded);
    if (!event) return;
    const id = recorded.streamId.slice('problem-'.length);
    const revision = recorded.revision.toString();
    const { at, by } = event.data;
    switch (event.type) {
      case 'ProblemOpened': {
        const d = event.data;
        await tx.query(
          `INSERT INTO rm_problems (id, last_revision, service_code, title, origin, state, opened_by, opened_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'OPEN', $6, ${ms('$7')}, ${ms('$7')}) ON CONFLICT (id) DO NOTHING`,
          [id, revision, d.serviceCode, d.title, d.origin, by, at],
        );
        return;
      }
      case 'ProblemIncidentsLinked':
        return link(tx, id, revision, 'incident', event.data.incidentIds, by, at);
      case 'ProblemRequestsLinked':
        return link(tx, id, revision, 'request', event.data.requestIds, by, at);
      case 'ProblemResolved':
        await tx.query(advance(`state = 'RESOLVED', resolution = $4, resolved_at = ${ms('$3')}`), [id, revision, at, event.data.resolution]);
        return;
      case 'ProblemClosed':
        await tx.query(advance(`state = 'CLOSED', resolution = $4, closed_at = ${ms('$3')}`), [id, revision, at, event.data.resolution]);
        return;
      default:
        return assertNever(event);
    }
  },
};
