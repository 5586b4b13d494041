import { ServiceDeskScript } from '@switchboard/analytics';
import type { ScriptedRequestCommand } from '@switchboard/analytics';
import { realmFile } from '@switchboard/platform/testing';
import { asIncidentEvent, asRequestEvent, runSlaClock, slaFactsOfIncident, slaFactsOfRequest, slaTargets } from '@switchboard/service-desk/domain';
import type { IncidentEvent, RequestEvent, SlaClock, SlaPolicy } from '@switchboard/service-desk/domain';

/** Realm users by username (deploy/keycloak), as the projector's user directory knows them. */
const usersByName = new Map(realmFile().users.map((u) => [u.username, u]));
export const userId = (username: string): string => {
  const id = usersByName.get(username)?.id;
  if (!id) throw new Error(`no user ${username} in the realm file`);
  return id;
};

export const requestIds = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`R${n}`, `00000000-0000-4000-8000-00000000010${n}`])) as Record<
  string,
  string
>;
export const incidentIds = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`I${n}`, `00000000-0000-4000-8000-00000000020${n}`])) as Record<string, string>;

export const services = [
  { code: 1001, name: 'Home internet', workGroupCode: 301, workGroupName: 'Network L3' },
  { code: 1002, name: 'IP telephony', workGroupCode: 301, workGroupName: 'Network L3' },
  { code: 2001, name: 'Invoices and payments', workGroupCode: 302, workGroupName: 'Billing L3' },
];

const t = (day: number, hhmm: string) => `2026-03-0${day}T${hhmm}:00.000Z`;

/**
 * A week at the help desk (March 2–6, 2026), written through the real deciders. The dashboard
 * test checks the panels against what this story implies:
 *
 * - R1 telegram, north: answered after 20 min, escalated (Home internet) → I1 worked by
 *   l3.user.network, resolved after 3 h, closed; R1 closed after 4 h. Two messages.
 * - R2 sms, north: hd.user.north2 answers after 1 h and closes it after 1.5 h.
 * - R3 esb, south: answered after 45 min, escalated (Invoices and payments, target 2 h) → I2
 *   resolved after 3 h (breach), closed; R3 closed after 4.5 h.
 * - R4 telegram, north: answered after 12 min, escalated (IP telephony) → I3 started, put on hold,
 *   cancelled (unlinked); R4 closed after 3 h.
 * - R5 phone, north: assigned to hd.user.north, never answered, open.
 * - R6 telegram, south: new, unassigned, never answered.
 * - R7 sms, north: answered after 30 min, escalated (Home internet) → I4 assigned to
 *   l3.user.network, still ASSIGNED.
 * - R8 esb, south: assigned to hd.user.south, escalated (Invoices and payments) → I5 still NEW.
 *
 * SLA (ADR 0021), recorded as the SLA process manager and timers would: requests of both departments
 * 24/7, first response 30 min, resolution 4 h; Home internet incidents 1 h / 8 h, Invoices and
 * payments 30 min / 2 h; IP telephony has no policy. First responses met: R1, R4, R7 (exactly 30
 * min); missed: R2, R3; never answered: R5, R6, R8. I1 resolved within 8 h; I2 breached its 2 h.
 * Open past their due time: R5, R6, R7 (resolution), R8, I4, I5.
 */
export function helpDeskWeek(): ServiceDeskScript {
  const s = new ServiceDeskScript();
  const north = userId('hd.user.north');
  const north2 = userId('hd.user.north2');
  const south = userId('hd.user.south');
  const network = userId('l3.user.network');
  const network2 = userId('l3.user.network2');
  const billing = userId('l3.user.billing');
  const networkManager = userId('l3.manager.network');
  const billingManager = userId('l3.manager.billing');
  const { R1, R2, R3, R4, R5, R6, R7, R8 } = requestIds;
  const { I1, I2, I3, I4, I5 } = incidentIds;

  const register = (id: string, channel: 'telegram' | 'sms' | 'esb' | 'phone', department: string, at: string, receivedAt = at): ScriptedRequestCommand => ({
    type: 'RegisterRequest',
    requestId: id,
    contact: { channel, address: `${channel}-contact-${id.slice(-1)}` },
    department,
    subject: `Request ${id.slice(-1)}`,
    message: { messageId: `${channel}-${id}`, text: 'Help, please', receivedAt: new Date(receivedAt) },
  });
  const intake = (channel: string) => `channel:${channel}`;

  s.request(R1, intake('telegram'), t(2, '09:00'), register(R1, 'telegram', 'first-line-north', t(2, '09:00'), t(2, '08:59')))
    .request(R1, north, t(2, '09:05'), { type: 'AssignRequest', assigneeId: north })
    .request(R1, north, t(2, '09:20'), { type: 'SendReply', replyId: 'r1-1', text: 'Checking your line' })
    .request(R1, intake('telegram'), t(2, '09:30'), {
      type: 'ReceiveMessage',
      message: { messageId: 'telegram-r1-2', text: 'Still down', receivedAt: new Date(t(2, '09:30')) },
    })
    .request(R1, north, t(2, '09:40'), { type: 'EscalateRequest', incidentId: I1, serviceCode: 1001 })
    .incident(I1, 'system:escalation', t(2, '09:40'), { type: 'OpenIncident', incidentId: I1, requestId: R1, serviceCode: 1001, workGroupCode: 301 })
    .incident(I1, network, t(2, '10:00'), { type: 'StartIncident' })
    .incident(I1, network, t(2, '12:40'), { type: 'ResolveIncident', resolution: 'Port reset' })
    .incident(I1, networkManager, t(2, '13:00'), { type: 'CloseIncident' })
    .request(R1, 'system:closure', t(2, '13:00'), { type: 'CloseRequestForIncident', incidentId: I1, outcome: 'closed' });

  s.request(R2, intake('sms'), t(2, '10:00'), register(R2, 'sms', 'first-line-north', t(2, '10:00')))
    .request(R2, north2, t(2, '10:10'), { type: 'AssignRequest', assigneeId: north2 })
    .request(R2, north2, t(2, '11:00'), { type: 'SendReply', replyId: 'r2-1', text: 'Your balance is fine' })
    .request(R2, north2, t(2, '11:30'), { type: 'CloseRequest', reason: 'answered' });

  s.request(R3, intake('esb'), t(3, '09:00'), register(R3, 'esb', 'first-line-south', t(3, '09:00')))
    .request(R3, south, t(3, '09:30'), { type: 'AssignRequest', assigneeId: south })
    .request(R3, south, t(3, '09:45'), { type: 'SendReply', replyId: 'r3-1', text: 'Passing to billing' })
    .request(R3, south, t(3, '10:00'), { type: 'EscalateRequest', incidentId: I2, serviceCode: 2001 })
    .incident(I2, 'system:escalation', t(3, '10:00'), { type: 'OpenIncident', incidentId: I2, requestId: R3, serviceCode: 2001, workGroupCode: 302 })
    .incident(I2, billingManager, t(3, '10:30'), { type: 'AssignIncident', assigneeId: billing })
    .incident(I2, billing, t(3, '11:00'), { type: 'StartIncident' })
    .incident(I2, billing, t(3, '13:00'), { type: 'ResolveIncident', resolution: 'Invoice corrected' })
    .incident(I2, billingManager, t(3, '13:30'), { type: 'CloseIncident' })
    .request(R3, 'system:closure', t(3, '13:30'), { type: 'CloseRequestForIncident', incidentId: I2, outcome: 'closed' });

  s.request(R4, intake('telegram'), t(4, '09:00'), register(R4, 'telegram', 'first-line-north', t(4, '09:00')))
    .request(R4, north, t(4, '09:10'), { type: 'AssignRequest', assigneeId: north })
    .request(R4, north, t(4, '09:12'), { type: 'SendReply', replyId: 'r4-1', text: 'Escalating' })
    .request(R4, north, t(4, '09:20'), { type: 'EscalateRequest', incidentId: I3, serviceCode: 1002 })
    .incident(I3, 'system:escalation', t(4, '09:20'), { type: 'OpenIncident', incidentId: I3, requestId: R4, serviceCode: 1002, workGroupCode: 301 })
    .incident(I3, network2, t(4, '09:50'), { type: 'StartIncident' })
    .incident(I3, network2, t(4, '10:00'), { type: 'PutIncidentOnHold', reason: 'Waiting for the client' })
    .incident(I3, networkManager, t(4, '12:00'), { type: 'UnlinkIncident', reason: 'Duplicate of another incident' })
    .request(R4, 'system:closure', t(4, '12:00'), { type: 'CloseRequestForIncident', incidentId: I3, outcome: 'cancelled' });

  s.request(R5, intake('phone'), t(5, '09:00'), register(R5, 'phone', 'first-line-north', t(5, '09:00'))).request(R5, north, t(5, '09:05'), {
    type: 'AssignRequest',
    assigneeId: north,
  });

  s.request(R6, intake('telegram'), t(5, '10:00'), register(R6, 'telegram', 'first-line-south', t(5, '10:00')));

  s.request(R7, intake('sms'), t(6, '09:00'), register(R7, 'sms', 'first-line-north', t(6, '09:00')))
    .request(R7, north, t(6, '09:01'), { type: 'AssignRequest', assigneeId: north })
    .request(R7, north, t(6, '09:30'), { type: 'SendReply', replyId: 'r7-1', text: 'Escalating' })
    .request(R7, north, t(6, '10:00'), { type: 'EscalateRequest', incidentId: I4, serviceCode: 1001 })
    .incident(I4, 'system:escalation', t(6, '10:00'), { type: 'OpenIncident', incidentId: I4, requestId: R7, serviceCode: 1001, workGroupCode: 301 })
    .incident(I4, networkManager, t(6, '10:10'), { type: 'AssignIncident', assigneeId: network });

  s.request(R8, intake('esb'), t(6, '11:00'), register(R8, 'esb', 'first-line-south', t(6, '11:00')))
    .request(R8, south, t(6, '11:05'), { type: 'AssignRequest', assigneeId: south })
    .request(R8, south, t(6, '11:10'), { type: 'EscalateRequest', incidentId: I5, serviceCode: 2001 })
    .incident(I5, 'system:escalation', t(6, '11:10'), { type: 'OpenIncident', incidentId: I5, requestId: R8, serviceCode: 2001, workGroupCode: 302 });
  return withSla(s);
}

const policy = (id: string, name: string, firstResponseMinutes: number, resolutionMinutes: number, scope: SlaPolicy['scope']): SlaPolicy => ({
  id,
  name,
  scope,
  calendar: { kind: '24x7' },
  targets: { P3: { firstResponseMinutes, resolutionMinutes } },
  escalateOnBreach: false,
});
const requestPolicy = policy('sla-requests', 'Help desk 24/7', 30, 240, { kind: 'department', department: 'first-line-north' });
const incidentPolicies: Record<number, SlaPolicy> = {
  1001: policy('sla-1001', 'Home internet', 60, 480, { kind: 'service', serviceCode: 1001 }),
  2001: policy('sla-2001', 'Invoices and payments', 30, 120, { kind: 'service', serviceCode: 2001 }),
};

/** The breaches a clock has (due times not met), each recorded once, no earlier than its due time. */
const breaches = (clock: SlaClock, after: string) =>
  slaTargets.flatMap((target) => {
    const t = clock[target];
    return t?.dueAt && t.status !== 'met' ? [{ target, dueAt: t.dueAt, at: t.dueAt > after ? t.dueAt : after }] : [];
  });

/** Each item's final SLA clock (by the real clock), then its breaches, after its own events. */
function withSla(s: ServiceDeskScript): ServiceDeskScript {
  const recorded = s.recorded();
  const lastAt = (streamId: string) =>
    recorded
      .filter((e) => e.streamId === streamId)
      .map((e) => String((e.data as { at: string }).at))
      .sort()
      .at(-1) as string;
  for (const id of Object.values(requestIds)) {
    const events = recorded
      .filter((e) => e.streamId === `request-${id}`)
      .map(asRequestEvent)
      .filter((e): e is RequestEvent => e !== undefined);
    const clock = runSlaClock(requestPolicy, slaFactsOfRequest(events));
    if (!clock) continue;
    const last = lastAt(`request-${id}`);
    s.request(id, 'system:sla-clock', last, { type: 'SetRequestSlaClock', clock });
    for (const b of breaches(clock, last))
      s.request(id, 'system:sla-timers', b.at, { type: 'RecordRequestSlaMark', mark: 'breach', target: b.target, dueAt: b.dueAt });
  }
  for (const id of Object.values(incidentIds)) {
    const events = recorded
      .filter((e) => e.streamId === `incident-${id}`)
      .map(asIncidentEvent)
      .filter((e): e is IncidentEvent => e !== undefined);
    const opened = events.find((e) => e.type === 'IncidentOpened');
    const policyOf = opened?.type === 'IncidentOpened' ? incidentPolicies[opened.data.serviceCode] : undefined;
    const clock = policyOf && runSlaClock(policyOf, slaFactsOfIncident(events));
    if (!clock) continue;
    const last = lastAt(`incident-${id}`);
    s.incident(id, 'system:sla-clock', last, { type: 'SetIncidentSlaClock', clock });
    for (const b of breaches(clock, last))
      s.incident(id, 'system:sla-timers', b.at, { type: 'RecordIncidentSlaMark', mark: 'breach', target: b.target, dueAt: b.dueAt });
  }
  return s;
}
