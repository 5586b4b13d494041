import type { RecordedEvent } from '@switchboard/eventstore';
import { ServiceDeskScript } from '../testing/service-desk-script';
import { AnalyticsProjection } from './analytics.projection';
import type { FactSource } from './analytics.projection';
import type { IncidentFact, RequestFact } from './analytics-rows';

const OPERATOR = '5b0a0000-0000-4000-8000-000000000101';
const L3 = '5b0a0000-0000-4000-8000-000000000301';
const REQUEST = '11111111-1111-4111-8111-111111111111';
const INCIDENT = '22222222-2222-4222-8222-222222222222';
const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const seconds = (hhmm: string) => Date.parse(at(hhmm)) / 1000;

/** A request that is answered, escalated, worked, put on hold, resolved, closed. */
function lifeOfARequest(): ServiceDeskScript {
  return new ServiceDeskScript()
    .request(REQUEST, 'channel:telegram', at('09:00'), {
      type: 'RegisterRequest',
      requestId: REQUEST,
      contact: { channel: 'telegram', address: '1001' },
      department: 'first-line-north',
      message: { messageId: 'tg-1', text: 'No internet', receivedAt: new Date(at('08:59')) },
    })
    .request(REQUEST, OPERATOR, at('09:10'), { type: 'AssignRequest', assigneeId: OPERATOR })
    .request(REQUEST, OPERATOR, at('09:15'), { type: 'SendReply', replyId: 'r-1', text: 'Looking into it' })
    .request(REQUEST, 'channel:telegram', at('09:20'), {
      type: 'ReceiveMessage',
      message: { messageId: 'tg-2', text: 'Still down', receivedAt: new Date(at('09:20')) },
    })
    .request(REQUEST, OPERATOR, at('09:30'), { type: 'EscalateRequest', incidentId: INCIDENT, serviceCode: 1001 })
    .incident(INCIDENT, 'system:escalation', at('09:30'), {
      type: 'OpenIncident',
      incidentId: INCIDENT,
      requestId: REQUEST,
      serviceCode: 1001,
      workGroupCode: 301,
    })
    .incident(INCIDENT, L3, at('10:00'), { type: 'StartIncident' })
    .incident(INCIDENT, L3, at('10:30'), { type: 'PutIncidentOnHold', reason: 'waiting for the client' })
    .incident(INCIDENT, L3, at('11:00'), { type: 'ResumeIncident' })
    .incident(INCIDENT, L3, at('12:00'), { type: 'ResolveIncident', resolution: 'port reset' })
    .incident(INCIDENT, L3, at('12:30'), { type: 'CloseIncident' })
    .request(REQUEST, 'system:closure', at('12:30'), { type: 'CloseRequestForIncident', incidentId: INCIDENT, outcome: 'closed' });
}

class NoFacts implements FactSource {
  readonly asked: string[][] = [];
  constructor(
    private readonly requests: RequestFact[] = [],
    private readonly incidents: IncidentFact[] = [],
  ) {}
  async requestFacts(ids: readonly string[]): Promise<RequestFact[]> {
    this.asked.push([...ids]);
    return this.requests.filter((f) => ids.includes(f.request_id));
  }
  async incidentFacts(ids: readonly string[]): Promise<IncidentFact[]> {
    this.asked.push([...ids]);
    return this.incidents.filter((f) => ids.includes(f.incident_id));
  }
}

async function project(events: RecordedEvent[], source: FactSource = new NoFacts()) {
  const projection = new AnalyticsProjection(source);
  await projection.apply(events);
  return { projection, batch: projection.takeBatch() };
}

describe('analytics projection', () => {
  it('keeps one fact per request and incident, at the revision of its last event', async () => {
    const { batch } = await project(lifeOfARequest().recorded());
    const request = batch.requestFacts.get(REQUEST);
    const incident = batch.incidentFacts.get(INCIDENT);
    expect(request).toMatchObject({
      status: 'CLOSED',
      revision: 6,
      channel: 'telegram',
      department: 'first-line-north',
      assignee_id: OPERATOR,
      registered_at: seconds('09:00'),
      first_response_at: seconds('09:15'),
      first_response_seconds: 15 * 60,
      escalated_at: seconds('09:30'),
      service_code: 1001,
      incident_id: INCIDENT,
      closed_at: seconds('12:30'),
      resolution_seconds: 3.5 * 3600,
      close_reason: 'incident closed',
      messages_in: 2,
      replies_out: 1,
    });
    expect(incident).toMatchObject({
      status: 'CLOSED',
      revision: 5,
      request_id: REQUEST,
      department: 'first-line-north',
      work_group_code: 301,
      assignee_id: L3,
      started_at: seconds('10:00'),
      first_response_seconds: 30 * 60,
      resolved_at: seconds('12:00'),
      resolution_seconds: 2.5 * 3600,
      closed_at: seconds('12:30'),
      hold_count: 1,
      reopen_count: 0,
    });
  });

  it('puts the site, building and unit a request was registered for on its fact, and none on a request for no place', async () => {
    const placed = '33333333-3333-4333-8333-333333333333';
    const script = lifeOfARequest().request(placed, OPERATOR, at('13:00'), {
      type: 'RegisterRequest',
      requestId: placed,
      contact: { channel: 'operator', address: 'operator' },
      department: 'maintenance',
      unitId: 'unit-12',
      buildingId: 'building-1',
      siteSlug: 'riverside',
    });
    const { batch } = await project(script.recorded());
    expect(batch.requestFacts.get(placed)).toMatchObject({ site_slug: 'riverside', building_id: 'building-1', unit_id: 'unit-12' });
    expect(batch.requestFacts.get(REQUEST)).toMatchObject({ site_slug: '', building_id: '', unit_id: '' });
  });

  it('moves a request’s fact to the unit chosen after registration (the Telegram bot’s question)', async () => {
    const chosen = '44444444-4444-4444-8444-444444444444';
    const script = new ServiceDeskScript()
      .request(chosen, 'channel:telegram', at('09:00'), {
        type: 'RegisterRequest',
        requestId: chosen,
        contact: { channel: 'telegram', address: '1002' },
        department: 'maintenance',
      })
      .request(chosen, 'channel:telegram', at('09:01'), { type: 'SetRequestUnit', unitId: 'unit-45', buildingId: 'building-2', siteSlug: 'river-park' });
    const { batch } = await project(script.recorded());
    expect(batch.requestFacts.get(chosen)).toMatchObject({ site_slug: 'river-park', building_id: 'building-2', unit_id: 'unit-45', revision: 1 });
  });

  it('writes one status change per transition with the time spent in the state it left', async () => {
    const { batch } = await project(lifeOfARequest().recorded());
    const changes = batch.statusChanges.map((c) => `${c.entity} ${c.from_status}->${c.to_status} after ${c.seconds_in_previous / 60}m`);
    expect(changes).toEqual([
      'request NEW->IN_PROGRESS after 10m',
      'request IN_PROGRESS->ESCALATED after 20m',
      'incident NEW->IN_WORK after 30m',
      'incident IN_WORK->ON_HOLD after 30m',
      'incident ON_HOLD->IN_WORK after 30m',
      'incident IN_WORK->RESOLVED after 60m',
      'incident RESOLVED->CLOSED after 30m',
      'request ESCALATED->CLOSED after 180m',
    ]);
    expect(batch.statusChanges.find((c) => c.entity === 'incident')).toMatchObject({
      work_group_code: 301,
      service_code: 1001,
      department: 'first-line-north',
    });
  });

  it('counts each inbound message as a contact on its channel at the time the channel received it', async () => {
    const { batch } = await project(lifeOfARequest().recorded());
    expect(batch.contacts).toEqual([
      { at: seconds('08:59'), channel: 'telegram', request_id: REQUEST, revision: 1, message_id: 'tg-1', department: 'first-line-north', first_message: 1 },
      { at: seconds('09:20'), channel: 'telegram', request_id: REQUEST, revision: 4, message_id: 'tg-2', department: 'first-line-north', first_message: 0 },
    ]);
  });

  it("moves an incident onto its work group's load when opened and off it when resolved", async () => {
    const { batch } = await project(lifeOfARequest().recorded());
    expect(batch.workGroupLoad.map((r) => `${r.delta > 0 ? '+' : '-'}${r.assignee_id || 'unassigned'}@${r.revision}`)).toEqual([
      '+unassigned@0',
      `-unassigned@1`,
      `+${L3}@1`,
      `-${L3}@4`,
    ]);
    expect(batch.workGroupLoad.reduce((sum, r) => sum + r.delta, 0)).toBe(0);
  });

  it('skips events a fact has already seen, so a replayed batch adds nothing', async () => {
    const events = lifeOfARequest().recorded();
    const projection = new AnalyticsProjection(new NoFacts());
    await projection.apply(events);
    projection.takeBatch();
    await projection.apply(events.slice(3));
    const replay = projection.takeBatch();
    expect({ facts: replay.requestFacts.size + replay.incidentFacts.size, rows: replay.rows, events: replay.events }).toEqual({
      facts: 0,
      rows: 0,
      events: events.length - 3,
    });
  });

  it('reads facts it does not hold from ClickHouse, once per chunk, and carries on from them', async () => {
    const events = lifeOfARequest().recorded();
    const first = await project(events.slice(0, 4));
    const stored = first.batch.requestFacts.get(REQUEST);
    const source = new NoFacts(stored ? [stored] : []);
    const { projection, batch } = await project(events.slice(4), source);
    expect(source.asked).toEqual([[REQUEST]]);
    expect(batch.requestFacts.get(REQUEST)).toMatchObject({ status: 'CLOSED', messages_in: 2, first_response_seconds: 15 * 60 });
    expect(batch.incidentFacts.get(INCIDENT)).toMatchObject({ department: 'first-line-north' });
    expect(projection.orphanEvents).toBe(0);
  });

  it('counts, and otherwise ignores, later events of an entity it never saw created', async () => {
    const events = lifeOfARequest().recorded();
    const { projection, batch } = await project(events.slice(2, 4));
    expect(batch.rows).toBe(0);
    expect(projection.orphanEvents).toBe(2);
  });

  it('ignores events of other streams and of types it does not know', async () => {
    const other: RecordedEvent = {
      id: 'x',
      type: 'ClientCreated',
      streamId: 'client-1',
      revision: 0n,
      position: '1',
      data: {},
      metadata: {},
      createdAt: new Date(),
    };
    const { batch } = await project([other]);
    expect({ events: batch.events, rows: batch.rows, lastPosition: batch.lastPosition }).toEqual({ events: 1, rows: 0, lastPosition: '1' });
  });

  it('records which operators the events name, for the operators table', async () => {
    const { batch } = await project(lifeOfARequest().recorded());
    expect([...batch.userIds].sort()).toEqual([OPERATOR, L3, 'channel:telegram', 'system:closure', 'system:escalation'].sort());
  });

  it('keeps the SLA of a request from its SLA events: policy, due times, clock status and the breach', async () => {
    const clock = {
      policyId: 'sla-1',
      policyName: 'North 24/7',
      priority: 'P3' as const,
      firstResponse: { targetMinutes: 10, status: 'running' as const, elapsedMs: 0, runningSince: at('09:00'), dueAt: at('09:10'), warnAt: at('09:08') },
      resolution: { targetMinutes: 60, status: 'running' as const, elapsedMs: 0, runningSince: at('09:00'), dueAt: at('10:00'), warnAt: at('09:48') },
    };
    const script = lifeOfARequest()
      .request(REQUEST, 'system:sla-clock', at('09:00'), { type: 'SetRequestSlaClock', clock })
      .request(REQUEST, 'system:sla-timers', at('09:10'), { type: 'RecordRequestSlaMark', mark: 'breach', target: 'firstResponse', dueAt: at('09:10') });
    const { batch } = await project(script.recorded());
    expect(batch.requestFacts.get(REQUEST)).toMatchObject({
      sla_policy: 'North 24/7',
      sla_first_response_due_at: seconds('09:10'),
      sla_first_response_status: 'running',
      sla_resolution_due_at: seconds('10:00'),
      sla_first_response_breached: 1,
      sla_resolution_breached: 0,
    });
  });

  it('writes a visit row at the check-in and the same visit, left, at the check-out; the pass’s other events add nothing', async () => {
    const passId = '33333333-3333-4333-8333-333333333333';
    const recorded = (revision: number, type: string, data: object): RecordedEvent => ({
      id: `${passId}-${revision}`,
      type,
      streamId: `pass-${passId}`,
      revision: BigInt(revision),
      position: String(1000 + revision),
      data,
      metadata: {},
      createdAt: new Date(at('10:00')),
    });
    const base = { passId, siteSlug: 'river-park' };
    const { batch } = await project([
      recorded(0, 'PassCreated', {
        ...base,
        by: 'concierge',
        at: at('08:00'),
        kind: 'one-time',
        unitId: 'u',
        unitLabel: 'apt 1',
        validFrom: at('08:00'),
        validUntil: at('12:00'),
        issuedAs: 'Concierge',
      }),
      recorded(1, 'VisitorCheckedIn', { ...base, by: 'guard.a', at: at('10:00'), visit: 1 }),
      recorded(2, 'VisitorCheckedOut', {
        ...base,
        by: 'guard.b',
        at: at('12:30'),
        visit: 1,
        checkedInAt: at('10:00'),
        checkedInBy: 'guard.a',
        overstayed: true,
      }),
      recorded(3, 'PassRevoked', { ...base, by: 'concierge', at: at('13:00') }),
    ]);
    expect(batch.passVisits).toEqual([
      {
        site_slug: 'river-park',
        pass_id: passId,
        visit: 1,
        revision: 1,
        checked_in_at: seconds('10:00'),
        checked_in_by: 'guard.a',
        checked_out_at: null,
        checked_out_by: '',
        overstayed: 0,
      },
      {
        site_slug: 'river-park',
        pass_id: passId,
        visit: 1,
        revision: 2,
        checked_in_at: seconds('10:00'),
        checked_in_by: 'guard.a',
        checked_out_at: seconds('12:30'),
        checked_out_by: 'guard.b',
        overstayed: 1,
      },
    ]);
    expect(batch.requestFacts.size + batch.statusChanges.length).toBe(0);
  });
});
