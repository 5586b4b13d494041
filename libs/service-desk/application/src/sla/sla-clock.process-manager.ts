import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import { StreamNotFoundError } from '@switchboard/eventstore';
import {
  asIncidentEvent,
  asRequestEvent,
  fold,
  incidentDecider,
  runSlaClock,
  slaFactsOfIncident,
  slaFactsOfRequest,
  slaMarkKey,
  slaTargets,
} from '@switchboard/service-desk/domain';
import type { IncidentEvent, RequestEvent, SlaClock, SlaScope } from '@switchboard/service-desk/domain';
import { requestDecider } from '@switchboard/service-desk/domain';
import { ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ProcessManager } from '../process-managers/process-manager';
import type { SlaPolicyStore } from './sla-policies.port';
import type { SlaTimer, SlaTimers } from './sla-timers.port';

/** Events that move an item's SLA clock: start, first response, hold and resume, priority, resolution, reopen, a move to another department. */
export const slaClockEventTypes = [
  'RequestRegistered',
  'RequestAssigned',
  'ReplySent',
  'RequestPrioritySet',
  'RequestClosed',
  'RequestReopened',
  'RequestSlaBreached',
  'IncidentOpened',
  'IncidentStarted',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentPrioritySet',
  'IncidentResolved',
  'IncidentReopened',
  'IncidentCancelled',
  'IncidentSlaBreached',
];

/**
 * Keeps each request's and incident's SLA clock (ADR 0021): on every event that moves it, reads the
 * item's whole stream, runs the pure clock under the policy of its department (requests) or
 * service (incidents), records the clock when it changed (`Set…SlaClock`, a no-op otherwise) and
 * replaces the item's durable timers: a warning at the warning share, a breach at the due time.
 * Reading the whole stream makes a replayed or late event harmless: the result is the current one.
 */
export class SlaClockProcessManager implements ProcessManager {
  readonly name = 'sla-clock';
  readonly filter = { eventTypes: slaClockEventTypes };

  constructor(
    private readonly commands: CommandBus,
    private readonly store: EventStore,
    private readonly policies: SlaPolicyStore,
    private readonly timers: SlaTimers,
    private readonly warningShare: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const kind = event.streamId.startsWith('request-') ? 'request' : event.streamId.startsWith('incident-') ? 'incident' : undefined;
    if (!kind) return;
    const entityId = event.streamId.slice(kind.length + 1);
    const recorded = await this.readStream(event.streamId);
    const envelope = { commandId: `${this.name}:${event.id}`, origin: 'system' as const, causationId: event.id, correlationId: entityId };
    const by = `system:${this.name}`;
    const now = this.clock();

    if (kind === 'request') {
      const events = recorded.map(asRequestEvent).filter((e): e is RequestEvent => e !== undefined);
      const state = fold(requestDecider, events);
      if (!state.exists) return;
      const policy = state.department ? await this.policies.forScope({ kind: 'department', department: state.department }) : undefined;
      const clock = policy ? runSlaClock(policy, slaFactsOfRequest(events), this.warningShare) : undefined;
      if (clock) await this.commands.execute(new ExecuteRequestCommand(entityId, { type: 'SetRequestSlaClock', clock, by, now }, envelope));
      await this.timers.schedule('request', entityId, clock && policy ? timersOf('request', entityId, clock, state.slaMarks, policy.escalateOnBreach) : []);
      return;
    }
    const events = recorded.map(asIncidentEvent).filter((e): e is IncidentEvent => e !== undefined);
    const state = fold(incidentDecider, events);
    if (!state.exists) return;
    const scope: SlaScope = { kind: 'service', serviceCode: state.serviceCode };
    const policy = await this.policies.forScope(scope);
    const clock = policy ? runSlaClock(policy, slaFactsOfIncident(events), this.warningShare) : undefined;
    if (clock) await this.commands.execute(new ExecuteIncidentCommand(entityId, { type: 'SetIncidentSlaClock', clock, by, now }, envelope));
    await this.timers.schedule('incident', entityId, clock && policy ? timersOf('incident', entityId, clock, state.slaMarks, policy.escalateOnBreach) : []);
  }

  private async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const recorded of this.store.readStream(streamId)) events.push(recorded);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }
}

/**
 * The timers a clock needs: a breach at each due time not yet breached (a due time already past
 * fires at once: a breach is recorded late rather than never), a warning at each running
 * target's warning time not yet warned of. A met target needs none.
 */
export function timersOf(kind: SlaTimer['kind'], entityId: string, clock: SlaClock, marks: ReadonlySet<string> | undefined, escalate: boolean): SlaTimer[] {
  const timers: SlaTimer[] = [];
  for (const target of slaTargets) {
    const t = clock[target];
    if (!t || t.status === 'met' || !t.dueAt) continue;
    const dueAt = t.dueAt;
    if (marks?.has(slaMarkKey('breach', target, dueAt))) continue;
    timers.push({ kind, entityId, target, mark: 'breach', dueAt, fireAt: new Date(dueAt), escalate });
    if (t.status === 'running' && t.warnAt && !marks?.has(slaMarkKey('warning', target, dueAt)))
      timers.push({ kind, entityId, target, mark: 'warning', dueAt, fireAt: new Date(t.warnAt), escalate: false });
  }
  return timers;
}
