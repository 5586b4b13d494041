import type { IncidentEvent } from '../incident/incident.events';
import type { RequestEvent } from '../request/request.events';
import { defaultPriority } from '../shared/priority';
import type { Priority } from '../shared/priority';
import { addBusinessTime, businessTimeBetween } from './business-calendar';
import type { BusinessCalendar } from './business-calendar';
import type { SlaPolicy, SlaTarget } from './sla-policy';

/** What the SLA clock needs to know of an item's history, in order (times ISO-8601). */
export type SlaFact =
  | { readonly kind: 'started'; readonly at: string; readonly priority: Priority }
  | { readonly kind: 'responded'; readonly at: string }
  | { readonly kind: 'paused'; readonly at: string }
  | { readonly kind: 'resumed'; readonly at: string }
  | { readonly kind: 'resolved'; readonly at: string }
  | { readonly kind: 'reopened'; readonly at: string }
  | { readonly kind: 'priority'; readonly at: string; readonly priority: Priority };

/**
 * One target's clock. `running`: counting now; `paused`: on hold; `met` / `missed`: stopped before
 * or after its due time. `dueAt` is when the business time reaches the target (in the past once
 * reached; unknown while paused short of it); `warnAt` the same for the warning share.
 */
export interface SlaTargetClock {
  readonly targetMinutes: number;
  readonly status: 'running' | 'paused' | 'met' | 'missed';
  /** Business time counted before `runningSince` (or up to the stop or pause). */
  readonly elapsedMs: number;
  readonly runningSince?: string;
  readonly dueAt?: string;
  readonly warnAt?: string;
  readonly stoppedAt?: string;
}

/** The SLA of one request or incident as its policy and history make it. Targets absent: none for its priority. */
export interface SlaClock {
  readonly policyId: string;
  readonly policyName: string;
  readonly priority: Priority;
  readonly firstResponse?: SlaTargetClock;
  readonly resolution?: SlaTargetClock;
}

/** What a badge shows at a moment. */
export type SlaState = 'ok' | 'warning' | 'breached' | 'met';

export const defaultSlaWarningShare = 0.8;

type Interval = readonly [start: number, end: number | undefined];

const ms = (iso: string): number => new Date(iso).getTime();
const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * The clock: business time counts from the start while the item is neither on hold nor resolved;
 * the first response stops at the first response (or at resolution), the resolution at resolution
 * (a reopen starts it again, with the time already counted). A priority change applies its targets
 * to the whole history: the time counted so far stays, the due time moves. Pure: time comes in the facts.
 */
export function runSlaClock(policy: SlaPolicy, facts: readonly SlaFact[], warningShare = defaultSlaWarningShare): SlaClock | undefined {
  const first = facts[0];
  if (first?.kind !== 'started') return undefined;
  let priority = first.priority;
  const response: number[] = [];
  const resolution: number[] = [];
  // Boundaries: each list alternates start, stop, start, …
  let held = false;
  let resolved = false;
  let responded = false;
  const toggle = (list: number[], at: number, on: boolean) => {
    if (list.length % 2 === (on ? 0 : 1)) list.push(at);
  };
  for (const fact of facts) {
    const at = ms(fact.at);
    switch (fact.kind) {
      case 'started':
        toggle(resolution, at, true);
        toggle(response, at, true);
        break;
      case 'priority':
        priority = fact.priority;
        break;
      case 'responded':
        responded = true;
        toggle(response, at, false);
        break;
      case 'paused':
        held = true;
        toggle(resolution, at, false);
        if (!responded && !resolved) toggle(response, at, false);
        break;
      case 'resumed':
        held = false;
        if (!resolved) toggle(resolution, at, true);
        if (!responded && !resolved) toggle(response, at, true);
        break;
      case 'resolved':
        toggle(resolution, at, false);
        if (!responded) toggle(response, at, false);
        resolved = true;
        responded = true;
        break;
      case 'reopened':
        resolved = false;
        if (!held) toggle(resolution, at, true);
        break;
    }
  }
  const targets = policy.targets[priority];
  const base = { policyId: policy.id, policyName: policy.name, priority };
  if (!targets) return base;
  return {
    ...base,
    firstResponse: targetClock(policy.calendar, pairs(response), targets.firstResponseMinutes, responded, warningShare),
    resolution: targetClock(policy.calendar, pairs(resolution), targets.resolutionMinutes, resolved, warningShare),
  };
}

function pairs(boundaries: readonly number[]): Interval[] {
  const out: Interval[] = [];
  for (let i = 0; i < boundaries.length; i += 2) out.push([boundaries[i], boundaries[i + 1]]);
  return out;
}

function targetClock(calendar: BusinessCalendar, intervals: readonly Interval[], minutes: number, stopped: boolean, share: number): SlaTargetClock {
  const target = minutes * 60_000;
  const warning = Math.round(target * share);
  let elapsed = 0;
  let dueAt: number | undefined;
  let warnAt: number | undefined;
  let runningSince: number | undefined;
  for (const [start, end] of intervals) {
    if (end === undefined) {
      runningSince = start;
      dueAt ??= addBusinessTime(calendar, new Date(start), target - elapsed).getTime();
      warnAt ??= addBusinessTime(calendar, new Date(start), Math.max(0, warning - elapsed)).getTime();
      break;
    }
    const length = businessTimeBetween(calendar, new Date(start), new Date(end));
    if (warnAt === undefined && elapsed + length >= warning) warnAt = addBusinessTime(calendar, new Date(start), warning - elapsed).getTime();
    if (dueAt === undefined && elapsed + length >= target) dueAt = addBusinessTime(calendar, new Date(start), target - elapsed).getTime();
    elapsed += length;
  }
  const last = intervals.at(-1);
  const stoppedAt = stopped && last?.[1] !== undefined ? last[1] : undefined;
  const status = runningSince !== undefined ? 'running' : stoppedAt !== undefined ? (elapsed > target ? 'missed' : 'met') : 'paused';
  return {
    targetMinutes: minutes,
    status,
    elapsedMs: elapsed,
    ...(runningSince !== undefined ? { runningSince: iso(runningSince) } : {}),
    ...(dueAt !== undefined ? { dueAt: iso(dueAt) } : {}),
    ...(warnAt !== undefined ? { warnAt: iso(warnAt) } : {}),
    ...(stoppedAt !== undefined ? { stoppedAt: iso(stoppedAt) } : {}),
  };
}

/** The badge of one target at `now`. */
export function slaTargetStateAt(clock: SlaTargetClock, now: Date): SlaState {
  if (clock.status === 'met') return 'met';
  if (clock.status === 'missed') return 'breached';
  const t = now.getTime();
  if (clock.dueAt !== undefined && t >= ms(clock.dueAt)) return 'breached';
  if (clock.warnAt !== undefined && t >= ms(clock.warnAt)) return 'warning';
  return 'ok';
}

/** The worse of the two targets' badges (breached > warning > ok > met). */
export function slaStateAt(clock: SlaClock, now: Date): SlaState | undefined {
  const rank: Record<SlaState, number> = { met: 0, ok: 1, warning: 2, breached: 3 };
  const states = [clock.firstResponse, clock.resolution].filter((c) => c !== undefined).map((c) => slaTargetStateAt(c, now));
  return states.length ? states.reduce((a, b) => (rank[b] > rank[a] ? b : a)) : undefined;
}

/** Business time counted on a target up to `now`. */
export function slaElapsedAt(calendar: BusinessCalendar, clock: SlaTargetClock, now: Date): number {
  return clock.elapsedMs + (clock.runningSince ? businessTimeBetween(calendar, new Date(clock.runningSince), now) : 0);
}

export const slaTargetOf = (clock: SlaClock, target: SlaTarget): SlaTargetClock | undefined => clock[target];

/** The SLA facts of a request: registered, first reply, priority, closed, reopened (a request is never on hold). */
export function slaFactsOfRequest(events: readonly RequestEvent[]): SlaFact[] {
  const facts: SlaFact[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'RequestRegistered':
        facts.push({ kind: 'started', at: e.data.at, priority: e.data.priority ?? defaultPriority });
        break;
      case 'ReplySent':
        facts.push({ kind: 'responded', at: e.data.at });
        break;
      case 'RequestPrioritySet':
        facts.push({ kind: 'priority', at: e.data.at, priority: e.data.priority });
        break;
      case 'RequestClosed':
        facts.push({ kind: 'resolved', at: e.data.at });
        break;
      case 'RequestReopened':
        facts.push({ kind: 'reopened', at: e.data.at });
        break;
      default:
        break;
    }
  }
  return facts;
}

/** The SLA facts of an incident: opened, work started (its first response), hold and resume, priority, resolved, reopened, ended. */
export function slaFactsOfIncident(events: readonly IncidentEvent[]): SlaFact[] {
  const facts: SlaFact[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'IncidentOpened':
        facts.push({ kind: 'started', at: e.data.at, priority: e.data.priority ?? defaultPriority });
        break;
      case 'IncidentStarted':
        facts.push({ kind: 'responded', at: e.data.at });
        break;
      case 'IncidentPutOnHold':
        facts.push({ kind: 'paused', at: e.data.at });
        break;
      case 'IncidentResumed':
        facts.push({ kind: 'resumed', at: e.data.at });
        break;
      case 'IncidentPrioritySet':
        facts.push({ kind: 'priority', at: e.data.at, priority: e.data.priority });
        break;
      case 'IncidentResolved':
      case 'IncidentCancelled':
        facts.push({ kind: 'resolved', at: e.data.at });
        break;
      case 'IncidentReopened':
        facts.push({ kind: 'reopened', at: e.data.at });
        break;
      default:
        break;
    }
  }
  return facts;
}
