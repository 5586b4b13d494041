import { randomUUID } from 'node:crypto';
import { ServiceDeskScript } from '../src/testing/service-desk-script';
import type { ScriptedAppend } from '../src/testing/service-desk-script';

export const BENCH_DEPARTMENTS = ['first-line-north', 'first-line-south', 'first-line-east', 'first-line-west'];
export const BENCH_SERVICES = [
  { code: 1001, name: 'Home internet', workGroupCode: 301, workGroupName: 'Network L3' },
  { code: 1002, name: 'IP telephony', workGroupCode: 301, workGroupName: 'Network L3' },
  { code: 2001, name: 'Invoices and payments', workGroupCode: 302, workGroupName: 'Billing L3' },
  { code: 2002, name: 'Tariff changes', workGroupCode: 302, workGroupName: 'Billing L3' },
  { code: 3001, name: 'Field repairs', workGroupCode: 303, workGroupName: 'Field L3' },
];
const CHANNELS = ['telegram', 'sms', 'esb', 'phone'] as const;
export const benchOperator = (n: number): string => `00000000-0000-4000-8000-${String(100_000 + n).padStart(12, '0')}`;
const HELP_DESK_OPERATORS = 40;
const L3_ENGINEERS = 30;

/** A deterministic generator (mulberry32), so two runs project the same history. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The history of `count` requests over `days` days before `end`, through the real deciders, one
 * request at a time (each as its request stream's appends, then its incident's), so a million
 * events never sit in memory at once. About 7 events per request.
 */
export function* syntheticHelpDesk(count: number, end: Date, days: number, seed = 7): Generator<ScriptedAppend[]> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const span = days * 86_400_000;
  for (let i = 0; i < count; i++) {
    const start = end.getTime() - span + Math.floor((i / count) * span);
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    const requestId = randomUUID();
    const channel = pick(CHANNELS);
    const operator = benchOperator(Math.floor(next() * HELP_DESK_OPERATORS));
    const engineer = benchOperator(HELP_DESK_OPERATORS + Math.floor(next() * L3_ENGINEERS));
    const script = new ServiceDeskScript();
    script.request(requestId, `channel:${channel}`, at(0), {
      type: 'RegisterRequest',
      requestId,
      contact: { channel, address: `${channel}-${i}` },
      department: pick(BENCH_DEPARTMENTS),
      subject: 'No service',
      message: { messageId: `${channel}-${i}`, text: 'The internet in flat 12 has been down since 7am', receivedAt: at(0) },
    });
    const fate = next();
    if (fate < 0.15) {
      yield script.appends; // still new
      continue;
    }
    let t = 5 + Math.floor(next() * 120);
    script.request(requestId, operator, at(t), { type: 'AssignRequest', assigneeId: operator });
    if (fate < 0.25) {
      yield script.appends; // in progress, unanswered
      continue;
    }
    t += 1 + Math.floor(next() * 90);
    script.request(requestId, operator, at(t), { type: 'SendReply', replyId: `r-${i}`, text: 'We are on it' });
    if (next() < 0.4) {
      t += Math.floor(next() * 60);
      script.request(requestId, `channel:${channel}`, at(t), {
        type: 'ReceiveMessage',
        message: { messageId: `${channel}-${i}-2`, text: 'Any news?', receivedAt: at(t) },
      });
    }
    if (fate < 0.7) {
      t += Math.floor(next() * 600);
      script.request(requestId, operator, at(t), { type: 'CloseRequest', reason: 'answered' });
      yield script.appends;
      continue;
    }
    const service = pick(BENCH_SERVICES);
    const incidentId = randomUUID();
    t += 5;
    script.request(requestId, operator, at(t), { type: 'EscalateRequest', incidentId, serviceCode: service.code });
    const incident = new ServiceDeskScript();
    incident.incident(incidentId, 'system:escalation', at(t), {
      type: 'OpenIncident',
      incidentId,
      requestId,
      serviceCode: service.code,
      workGroupCode: service.workGroupCode,
    });
    if (fate < 0.75) {
      yield [...script.appends, ...incident.appends]; // waiting in the work group's queue
      continue;
    }
    t += 10 + Math.floor(next() * 240);
    incident.incident(incidentId, engineer, at(t), { type: 'StartIncident' });
    if (next() < 0.3) {
      t += 30;
      incident.incident(incidentId, engineer, at(t), { type: 'PutIncidentOnHold', reason: 'waiting for parts' });
      t += Math.floor(next() * 1_440);
      incident.incident(incidentId, engineer, at(t), { type: 'ResumeIncident' });
    }
    if (fate < 0.8) {
      yield [...script.appends, ...incident.appends]; // in work
      continue;
    }
    if (fate < 0.85) {
      t += 60;
      incident.incident(incidentId, engineer, at(t), { type: 'UnlinkIncident', reason: 'duplicate' });
      script.request(requestId, 'system:closure', at(t), { type: 'CloseRequestForIncident', incidentId, outcome: 'cancelled' });
      yield [...script.appends.slice(0, -1), ...incident.appends, ...script.appends.slice(-1)];
      continue;
    }
    t += 30 + Math.floor(next() * 960);
    incident.incident(incidentId, engineer, at(t), { type: 'ResolveIncident', resolution: 'fixed' });
    t += 15;
    incident.incident(incidentId, benchOperator(HELP_DESK_OPERATORS + L3_ENGINEERS), at(t), { type: 'CloseIncident' });
    script.request(requestId, 'system:closure', at(t), { type: 'CloseRequestForIncident', incidentId, outcome: 'closed' });
    // The request up to its escalation, then the incident, then the request's closure: the order production writes.
    yield [...script.appends.slice(0, -1), ...incident.appends, ...script.appends.slice(-1)];
  }
}

/** Consecutive appends to one stream become one append, as a bulk load may do. */
export function mergeConsecutive(appends: readonly ScriptedAppend[]): ScriptedAppend[] {
  const merged: ScriptedAppend[] = [];
  for (const append of appends) {
    const last = merged[merged.length - 1];
    if (last && last.streamId === append.streamId) merged[merged.length - 1] = { ...last, events: [...last.events, ...append.events] };
    else merged.push(append);
  }
  return merged;
}
