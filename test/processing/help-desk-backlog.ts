import type { EventStore, NewEvent } from '@switchboard/eventstore';
import { ServiceDeskScript } from '@switchboard/analytics';

/** A deterministic uuid from a number: the same backlog in every database. */
const id = (kind: number, n: number): string => `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;

const OPERATOR = '5b0a0000-0000-4000-8000-000000000111';
const L3 = '5b0a0000-0000-4000-8000-000000000211';
const L3_MANAGER = '5b0a0000-0000-4000-8000-000000000201';

/**
 * A help desk's history through the real deciders: `requests` requests with a conversation,
 * assigned and answered; every third escalated to an incident that is worked (with a narrative)
 * and closed or cancelled; every thirtieth opens a problem (mass incident) that links its incident
 * and request, so every projection has work all through the backlog. Everything a read model shows derives from the commands, never the
 * clock, so two databases given the same backlog end with the same rows.
 */
export function helpDeskBacklog(requests: number): {
  readonly streams: readonly { readonly streamId: string; readonly events: NewEvent[] }[];
  readonly events: number;
} {
  const script = new ServiceDeskScript();
  const start = Date.parse('2026-06-01T08:00:00Z');
  for (let i = 0; i < requests; i++) {
    const requestId = id(1, i);
    const t = (minute: number) => new Date(start + (i * 13 + minute) * 60_000);
    script.request(requestId, 'channel:telegram', t(0), {
      type: 'RegisterRequest',
      requestId,
      contact: { channel: 'telegram', address: String(700_000 + i) },
      department: i % 2 ? 'first-line-north' : 'first-line-south',
      message: { messageId: `tg-${i}-0`, text: `my internet is down (${i})`, receivedAt: t(0) },
    });
    for (let m = 1; m <= 3; m++)
      script.request(requestId, 'channel:telegram', t(m), {
        type: 'ReceiveMessage',
        message: { messageId: `tg-${i}-${m}`, text: `still down, message ${m}`, receivedAt: t(m) },
      });
    script.request(requestId, OPERATOR, t(4), { type: 'AssignRequest', assigneeId: OPERATOR });
    script.request(requestId, OPERATOR, t(5), { type: 'SendReply', replyId: id(2, i), text: 'We are looking into it.' });
    if (i % 3 === 0) {
      const incidentId = id(3, i);
      script
        .request(requestId, OPERATOR, t(6), { type: 'EscalateRequest', incidentId, serviceCode: 1001 })
        .incident(incidentId, 'system:escalation', t(6), { type: 'OpenIncident', incidentId, requestId, serviceCode: 1001, workGroupCode: 301 })
        .incident(incidentId, L3_MANAGER, t(7), { type: 'AssignIncident', assigneeId: L3 })
        .incident(incidentId, L3, t(8), { type: 'StartIncident' })
        .incident(incidentId, L3, t(9), { type: 'AddNarrative', narrativeId: id(4, i), text: 'Replaced the ONT' });
      if (i % 30 === 0) {
        const problemId = id(5, i);
        script
          .problem(problemId, L3_MANAGER, t(9), { type: 'OpenProblem', problemId, serviceCode: 1001, title: `Outage ${i}`, origin: 'manual' })
          .problem(problemId, L3_MANAGER, t(9), { type: 'LinkIncidentsToProblem', incidentIds: [incidentId] })
          .problem(problemId, L3_MANAGER, t(9), { type: 'LinkRequestsToProblem', requestIds: [requestId] });
      }
      if (i % 2 === 0) {
        script
          .incident(incidentId, L3, t(10), { type: 'ResolveIncident', resolution: 'ONT replaced' })
          .incident(incidentId, L3, t(11), { type: 'CloseIncident' })
          .request(requestId, 'system:incident-closure', t(11), { type: 'CloseRequestForIncident', incidentId, outcome: 'closed' });
      } else {
        script
          .incident(incidentId, L3, t(10), { type: 'UnlinkIncident', reason: 'duplicate' })
          .request(requestId, 'system:incident-closure', t(10), { type: 'CloseRequestForIncident', incidentId, outcome: 'cancelled' });
      }
    } else {
      script.request(requestId, OPERATOR, t(12), { type: 'CloseRequest', reason: 'answered' });
    }
  }
  // One append per stream (its whole history): fast to write, and the projections converge whatever the order across streams.
  const byStream = new Map<string, NewEvent[]>();
  for (const append of script.appends) byStream.set(append.streamId, [...(byStream.get(append.streamId) ?? []), ...append.events]);
  return { streams: [...byStream].map(([streamId, events]) => ({ streamId, events })), events: script.eventCount };
}

/** Appends the backlog, a few streams at a time; resolves with the position of the last append. */
export async function appendBacklog(store: EventStore, backlog: ReturnType<typeof helpDeskBacklog>, concurrency = 8): Promise<void> {
  for (let i = 0; i < backlog.streams.length; i += concurrency) {
    await Promise.all(backlog.streams.slice(i, i + concurrency).map((s) => store.append(s.streamId, s.events, { expectedRevision: 'no_stream' })));
  }
}
