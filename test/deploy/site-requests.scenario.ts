import { ServiceDeskScript } from '@switchboard/analytics';
import type { ScriptedRequestCommand } from '@switchboard/analytics';
import { asRequestEvent, runSlaClock, slaFactsOfRequest, slaTargets } from '@switchboard/service-desk/domain';
import type { RequestEvent, SlaPolicy } from '@switchboard/service-desk/domain';

const t = (day: number, hhmm: string) => `2026-02-${String(day).padStart(2, '0')}T${hhmm}:00.000Z`;

/** The week of the site requests (outside the help-desk week, whose panels they must not touch). */
export const siteWeek = { from: new Date('2026-02-09T00:00:00Z'), to: new Date('2026-02-14T00:00:00Z') };

export const siteRequestIds = Object.fromEntries(
  ['S1', 'S2', 'S3', 'S4', 'S5'].map((key, n) => [key, `00000000-0000-4000-8000-00000000030${n + 1}`]),
) as Record<string, string>;

const policy: SlaPolicy = {
  id: 'sla-estate',
  name: 'Estate 24/7',
  scope: { kind: 'department', department: 'maintenance' },
  calendar: { kind: '24x7' },
  targets: { P3: { firstResponseMinutes: 30, resolutionMinutes: 240 } },
  escalateOnBreach: false,
};

/**
 * Requests registered for places at two sites (February 9–13, 2026), every one closed so the live
 * backlog panels do not see them, with the SLA clock (30 min / 4 h) the SLA process would set:
 *
 * - riverside, maintenance: S1 resolved in 2 h (met), S2 in 5 h (resolution missed, breach
 *   recorded), S4 in 1 h (met) — 3 requests, SLA met 66.7 %, 1 breached, median 2 h.
 * - riverside, escalated with the service 2001 (Invoices and payments): S5, closed with its
 *   incident after 3 h (met) — its category is the service's name.
 * - harbour, maintenance: S3 resolved in 1 h (met).
 */
/** A dispatcher who is no realm user, so the operators' boards do not count these requests. */
const DISPATCHER = '5b0a0000-0000-4000-8000-000000000999';

export function siteRequestsWeek(operator = DISPATCHER): ServiceDeskScript {
  const s = new ServiceDeskScript();
  const { S1, S2, S3, S4, S5 } = siteRequestIds;
  const register = (id: string, site: string, building: string): ScriptedRequestCommand => ({
    type: 'RegisterRequest',
    requestId: id,
    contact: { channel: 'operator', address: 'dispatcher' },
    department: 'maintenance',
    subject: `Site request ${id.slice(-1)}`,
    unitId: `${building}-unit-1`,
    buildingId: building,
    siteSlug: site,
  });
  const answeredAndClosed = (id: string, site: string, building: string, day: number, closeAt: string) =>
    s
      .request(id, operator, t(day, '09:00'), register(id, site, building))
      .request(id, operator, t(day, '09:10'), { type: 'SendReply', replyId: `${id}-r`, text: 'On our way' })
      .request(id, operator, t(day, closeAt), { type: 'CloseRequest', reason: 'fixed' });
  answeredAndClosed(S1, 'riverside', 'riverside-b1', 9, '11:00');
  answeredAndClosed(S2, 'riverside', 'riverside-b1', 10, '14:00');
  answeredAndClosed(S3, 'harbour', 'harbour-b1', 10, '10:00');
  answeredAndClosed(S4, 'riverside', 'riverside-b2', 11, '10:00');
  s.request(S5, operator, t(12, '09:00'), register(S5, 'riverside', 'riverside-b1'))
    .request(S5, operator, t(12, '09:05'), { type: 'AssignRequest', assigneeId: operator })
    .request(S5, operator, t(12, '09:10'), { type: 'SendReply', replyId: 'S5-r', text: 'Passing to billing' })
    .request(S5, operator, t(12, '09:20'), { type: 'EscalateRequest', incidentId: '00000000-0000-4000-8000-000000000399', serviceCode: 2001 })
    .request(S5, 'system:closure', t(12, '12:00'), {
      type: 'CloseRequestForIncident',
      incidentId: '00000000-0000-4000-8000-000000000399',
      outcome: 'closed',
    });

  const recorded = s.recorded();
  for (const id of Object.values(siteRequestIds)) {
    const events = recorded
      .filter((e) => e.streamId === `request-${id}`)
      .map(asRequestEvent)
      .filter((e): e is RequestEvent => e !== undefined);
    const clock = runSlaClock(policy, slaFactsOfRequest(events));
    if (!clock) continue;
    const last = events
      .map((e) => e.data.at)
      .sort()
      .at(-1) as string;
    s.request(id, 'system:sla-clock', last, { type: 'SetRequestSlaClock', clock });
    for (const target of slaTargets) {
      const due = clock[target];
      if (due?.dueAt && due.status === 'missed')
        s.request(id, 'system:sla-timers', last, { type: 'RecordRequestSlaMark', mark: 'breach', target, dueAt: due.dueAt });
    }
  }
  return s;
}
