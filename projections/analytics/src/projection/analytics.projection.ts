import type { RecordedEvent } from '@switchboard/eventstore';
import { asIncidentEvent, asRequestEvent } from '@switchboard/service-desk/domain';
import type { IncidentEvent, RequestEvent } from '@switchboard/service-desk/domain';
import { PASS_STREAM_PREFIX } from '@switchboard/security-desk/domain';
import type { PassEvent } from '@switchboard/security-desk/domain';
import { AnalyticsBatch } from './analytics-batch';
import type { DerivedRows, IncidentFact, PassVisitRow, RequestFact } from './analytics-rows';
import { projectIncidentEvent } from './incident-fact.projection';
import { projectRequestEvent } from './request-fact.projection';
import { SURVEY_STREAM_PREFIX, asSurveyEvent, projectSurveyEvent } from './survey-fact.projection';
import type { SurveyResponseEvent } from '@switchboard/communications/domain';

/** Where facts not held in memory are read from: the fact tables as they stand in ClickHouse. */
export interface FactSource {
  requestFacts(ids: readonly string[]): Promise<RequestFact[]>;
  incidentFacts(ids: readonly string[]): Promise<IncidentFact[]>;
}

export const REQUEST_STREAM_PREFIX = 'request-';
export const INCIDENT_STREAM_PREFIX = 'incident-';

type Decoded =
  | { readonly kind: 'request'; readonly id: string; readonly event: RequestEvent; readonly revision: number }
  | { readonly kind: 'incident'; readonly id: string; readonly event: IncidentEvent; readonly revision: number }
  | { readonly kind: 'survey'; readonly id: string; readonly event: SurveyResponseEvent; readonly revision: number };

/**
 * Turns request and incident events into analytics rows. Each fact remembers the last stream
 * revision applied, so an event the fact has already seen (a batch replayed after a crash) adds
 * nothing. Facts live in a bounded cache; one that is not there is read back from ClickHouse,
 * for a whole chunk of events at once.
 */
export class AnalyticsProjection {
  private requests = new Map<string, RequestFact>();
  private incidents = new Map<string, IncidentFact>();
  private current = new AnalyticsBatch();
  /** Later events of entities whose creation this projection never saw. */
  orphanEvents = 0;

  constructor(
    private readonly source: FactSource,
    private readonly maxCachedFacts = 200_000,
  ) {}

  get batch(): AnalyticsBatch {
    return this.current;
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const decoded = events.map(decode);
    await this.prefetch(decoded);
    const batch = this.current;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      batch.events++;
      batch.lastPosition = event.position;
      batch.firstEventCreatedAt ??= event.createdAt;
      batch.lastEventCreatedAt = event.createdAt;
      batch.openedAt ??= performance.now();
      const d = decoded[i];
      if (d) this.project(d, batch);
      else if (event.streamId.startsWith(PASS_STREAM_PREFIX)) {
        const visit = passVisitRow({ type: event.type, data: event.data } as PassEvent, Number(event.revision));
        if (visit) batch.passVisits.push(visit);
      }
    }
  }

  /** Hands over the rows gathered so far and starts a new batch. */
  takeBatch(): AnalyticsBatch {
    const batch = this.current;
    this.current = new AnalyticsBatch();
    return batch;
  }

  /** After a flush: forgets the least recently written facts beyond the cache size. */
  trimCache(): void {
    trim(this.requests, this.maxCachedFacts, this.current.requestFacts);
    trim(this.incidents, this.maxCachedFacts, this.current.incidentFacts);
  }

  /** After a failed write: what memory holds may be ahead of ClickHouse, so it is dropped. */
  reset(): void {
    this.requests = new Map();
    this.incidents = new Map();
    this.current = new AnalyticsBatch();
  }

  private project(d: Decoded, batch: AnalyticsBatch): void {
    if (d.kind === 'survey') {
      const rows = projectSurveyEvent(d.event, d.revision);
      if (rows.sent) batch.surveySent.push(rows.sent);
      if (rows.answer) batch.surveyAnswers.push(rows.answer);
      return;
    }
    if (d.kind === 'request') {
      const fact = this.requests.get(d.id);
      if (fact && d.revision <= fact.revision) return;
      const projected = projectRequestEvent(fact, d.event, d.revision);
      if (!projected) {
        this.orphanEvents++;
        return;
      }
      remember(this.requests, d.id, projected.fact);
      batch.requestFacts.set(d.id, projected.fact);
      addRows(batch, projected.rows);
      batch.userIds.add(d.event.data.by);
      if (projected.fact.assignee_id) batch.userIds.add(projected.fact.assignee_id);
      return;
    }
    const fact = this.incidents.get(d.id);
    if (fact && d.revision <= fact.revision) return;
    const department = d.event.type === 'IncidentOpened' ? (this.requests.get(d.event.data.requestId)?.department ?? '') : '';
    const projected = projectIncidentEvent(fact, d.event, d.revision, department);
    if (!projected) {
      this.orphanEvents++;
      return;
    }
    remember(this.incidents, d.id, projected.fact);
    batch.incidentFacts.set(d.id, projected.fact);
    addRows(batch, projected.rows);
    batch.userIds.add(d.event.data.by);
    if (projected.fact.assignee_id) batch.userIds.add(projected.fact.assignee_id);
  }

  private async prefetch(decoded: readonly (Decoded | undefined)[]): Promise<void> {
    const requestIds = new Set<string>();
    const incidentIds = new Set<string>();
    for (const d of decoded) {
      if (!d || d.kind === 'survey') continue;
      if (d.kind === 'request') {
        if (d.revision > 0 && !this.requests.has(d.id)) requestIds.add(d.id);
      } else {
        if (d.revision > 0 && !this.incidents.has(d.id)) incidentIds.add(d.id);
        if (d.event.type === 'IncidentOpened' && !this.requests.has(d.event.data.requestId)) requestIds.add(d.event.data.requestId);
      }
    }
    // An entity created in this very chunk is not in ClickHouse yet, and needs no lookup.
    for (const d of decoded) {
      if (d?.revision === 0 && d.kind !== 'survey') (d.kind === 'request' ? requestIds : incidentIds).delete(d.id);
    }
    const [requests, incidents] = await Promise.all([
      requestIds.size ? this.source.requestFacts([...requestIds]) : Promise.resolve([]),
      incidentIds.size ? this.source.incidentFacts([...incidentIds]) : Promise.resolve([]),
    ]);
    for (const fact of requests) if (!this.requests.has(fact.request_id)) this.requests.set(fact.request_id, fact);
    for (const fact of incidents) if (!this.incidents.has(fact.incident_id)) this.incidents.set(fact.incident_id, fact);
  }
}

function decode(event: RecordedEvent): Decoded | undefined {
  const revision = Number(event.revision);
  const request = event.streamId.startsWith(REQUEST_STREAM_PREFIX) ? asRequestEvent(event) : undefined;
  if (request) return { kind: 'request', id: event.streamId.slice(REQUEST_STREAM_PREFIX.length), event: request, revision };
  const incident = event.streamId.startsWith(INCIDENT_STREAM_PREFIX) ? asIncidentEvent(event) : undefined;
  if (incident) return { kind: 'incident', id: event.streamId.slice(INCIDENT_STREAM_PREFIX.length), event: incident, revision };
  const survey = event.streamId.startsWith(SURVEY_STREAM_PREFIX) ? asSurveyEvent(event) : undefined;
  if (survey) return { kind: 'survey', id: event.streamId.slice(SURVEY_STREAM_PREFIX.length), event: survey, revision };
  return undefined;
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** A check-in or check-out as the row of its visit; each event carries all the row needs. */
export function passVisitRow(event: PassEvent, revision: number): PassVisitRow | undefined {
  if (event.type === 'VisitorCheckedIn') {
    const d = event.data;
    return {
      site_slug: d.siteSlug,
      pass_id: d.passId,
      visit: d.visit,
      revision,
      checked_in_at: seconds(d.at),
      checked_in_by: d.by,
      checked_out_at: null,
      checked_out_by: '',
      overstayed: 0,
    };
  }
  if (event.type === 'VisitorCheckedOut') {
    const d = event.data;
    return {
      site_slug: d.siteSlug,
      pass_id: d.passId,
      visit: d.visit,
      revision,
      checked_in_at: seconds(d.checkedInAt),
      checked_in_by: d.checkedInBy,
      checked_out_at: seconds(d.at),
      checked_out_by: d.by,
      overstayed: d.overstayed ? 1 : 0,
    };
  }
  return undefined;
}

function addRows(batch: AnalyticsBatch, rows: DerivedRows): void {
  for (const row of rows.statusChanges) batch.statusChanges.push(row);
  for (const row of rows.contacts) batch.contacts.push(row);
  for (const row of rows.workGroupLoad) batch.workGroupLoad.push(row);
}

/** Map order is first-write order: the cache lets go of the longest-known facts first (cheaper than LRU, and a miss only costs a lookup). */
function remember<T>(cache: Map<string, T>, id: string, fact: T): void {
  cache.set(id, fact);
}

function trim<T>(cache: Map<string, T>, max: number, pending: ReadonlyMap<string, T>): void {
  if (cache.size <= max) return;
  for (const id of cache.keys()) {
    if (cache.size <= max) return;
    if (!pending.has(id)) cache.delete(id);
  }
}
