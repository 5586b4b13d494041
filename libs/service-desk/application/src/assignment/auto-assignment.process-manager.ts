import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@switchboard/eventstore';
import { chooseAssignee, isIncidentEvent, isRequestEvent } from '@switchboard/service-desk/domain';
import type { AssignmentOutcome, IncidentCommand, RequestCommand } from '@switchboard/service-desk/domain';
import { ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ProcessManager } from '../process-managers/process-manager';
import { OPERATOR_BECAME_AVAILABLE } from './auto-assignment.ports';
import type {
  AssignmentDecision,
  AssignmentScope,
  AssignmentTeams,
  AutoAssignmentLedger,
  AutoAssignmentSettingsStore,
  OperatorBecameAvailable,
  PresenceReader,
  QueueItemKind,
  QueuedItems,
} from './auto-assignment.ports';

export const AUTO_ASSIGNMENT_ACTOR = 'system:auto-assignment';

/** Most queued items one drain walks (the rest wait for the next trigger, or take-next). */
export const DRAIN_LIMIT = 200;

/** What the process manager reacts to: items entering queues, every change of who holds what, people becoming available. */
const ITEM_EVENTS = [
  'RequestRegistered',
  'RequestAssigned',
  'RequestClosed',
  'RequestReopened',
  'IncidentOpened',
  'IncidentAssigned',
  'IncidentStarted',
  'IncidentClosed',
  'IncidentCancelled',
  'IncidentReopened',
  OPERATOR_BECAME_AVAILABLE,
];

/** Why nothing was assigned, or that something was. */
type Attempt = 'assigned' | 'decided-before' | 'not-queued' | 'off' | Extract<AssignmentOutcome, { kind: 'queue' }>['reason'];

/**
 * Automatic assignment (ADR 0020). A request registered in a department, or an incident opened in
 * a work group, whose automatic assignment is on goes to an available operator under their limit
 * (and, for incidents, with the service's skill), round robin or least loaded. The decision is
 * stored before the command goes out and the command id derives from the item, so a replay or a
 * retry after a crash issues the same command again and moves no cursor; the decider leaves an
 * item that is no longer queued as it is. A request reopened into the queue (nobody ever had it) is
 * handled as a new one. Nobody fits: the item stays in the queue, until someone of the team becomes
 * available or an item of the scope closes (freeing room under the limit): then the scope's queue
 * is walked, oldest first, as far as there is room.
 *
 * It also keeps, from the same events in log order, the open items per assignee that limits and
 * least-loaded count, and counts its own decision at once, before its assignment event comes back.
 */
export class AutoAssignmentProcessManager implements ProcessManager {
  readonly name = 'auto-assignment';
  readonly filter = { eventTypes: ITEM_EVENTS };

  constructor(
    private readonly commands: CommandBus,
    private readonly settings: AutoAssignmentSettingsStore,
    private readonly ledger: AutoAssignmentLedger,
    private readonly presence: PresenceReader,
    private readonly teams: AssignmentTeams,
    private readonly queued: QueuedItems,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === OPERATOR_BECAME_AVAILABLE) {
      const { userId } = event.data as OperatorBecameAvailable;
      for (const scope of await this.teams.scopesOf(userId)) await this.drain(scope, event.id);
    } else if (isRequestEvent(event, 'RequestRegistered')) {
      const { requestId, department } = event.data;
      await this.ledger.trackItem('request', requestId, { scopeKey: department ?? '', open: true });
      if (department) await this.assign('request', requestId, { kind: 'department', key: department }, undefined, event.id);
    } else if (isRequestEvent(event, 'RequestAssigned')) {
      await this.ledger.trackItem('request', event.data.requestId, { assigneeId: event.data.assigneeId, scopeKey: event.data.department });
    } else if (isRequestEvent(event, 'RequestClosed')) {
      const department = await this.ledger.trackItem('request', event.data.requestId, { open: false });
      if (department) await this.drain({ kind: 'department', key: department }, event.id);
    } else if (isRequestEvent(event, 'RequestReopened')) {
      await this.ledger.trackItem('request', event.data.requestId, { open: true });
      // Reopened with nobody to go back to: it is in the queue again, as if just registered.
      if (event.data.transition.to === 'NEW') {
        const department = await this.queued.queuedRequestDepartment(event.data.requestId);
        // Its own decision (keyed by the reopening), not one the request had before it closed.
        if (department)
          await this.assign(
            'request',
            event.data.requestId,
            { kind: 'department', key: department },
            undefined,
            event.id,
            `${event.data.requestId}:reopened:${event.id}`,
          );
      }
    } else if (isIncidentEvent(event, 'IncidentOpened')) {
      const { incidentId, workGroupCode, serviceCode } = event.data;
      await this.ledger.trackItem('incident', incidentId, { scopeKey: String(workGroupCode), serviceCode, open: true });
      await this.assign('incident', incidentId, { kind: 'work-group', key: String(workGroupCode) }, serviceCode, event.id);
    } else if (isIncidentEvent(event, 'IncidentAssigned') || isIncidentEvent(event, 'IncidentStarted')) {
      await this.ledger.trackItem('incident', event.data.incidentId, { assigneeId: event.data.assigneeId });
    } else if (isIncidentEvent(event, 'IncidentClosed') || isIncidentEvent(event, 'IncidentCancelled')) {
      const workGroup = await this.ledger.trackItem('incident', event.data.incidentId, { open: false });
      if (workGroup) await this.drain({ kind: 'work-group', key: workGroup }, event.id);
    } else if (isIncidentEvent(event, 'IncidentReopened')) {
      await this.ledger.trackItem('incident', event.data.incidentId, { open: true });
    }
  }

  /** Hands out what waits in the scope's queue, oldest first, until nobody is available or everyone is at the limit. */
  private async drain(scope: AssignmentScope, causationId: string): Promise<void> {
    if ((await this.settings.get(scope)).mode === 'off') return;
    const kind: QueueItemKind = scope.kind === 'department' ? 'request' : 'incident';
    for (const item of await this.ledger.queuedIn(kind, scope.key, DRAIN_LIMIT)) {
      const attempt = await this.assign(kind, item.itemId, scope, item.serviceCode, causationId);
      // Nobody (else) can take anything now; an item without a skilled engineer does not stop the next one.
      if (attempt === 'nobody-available' || attempt === 'everyone-at-limit' || attempt === 'off') return;
    }
  }

  /** `decisionKey`: what the decision is remembered by (the item, or one reopening of it); the command id derives from it. */
  private async assign(
    kind: QueueItemKind,
    itemId: string,
    scope: AssignmentScope,
    serviceCode: number | undefined,
    causationId: string,
    decisionKey = itemId,
  ): Promise<Attempt> {
    // Decided before (a replay, or a crash before the command went out): the same command again.
    const earlier = await this.ledger.decisionFor(kind, decisionKey);
    if (earlier) {
      await this.issue(kind, itemId, decisionKey, earlier, causationId);
      return 'decided-before';
    }
    const settings = await this.settings.get(scope);
    if (settings.mode === 'off') return 'off';
    // Taken, assigned at registration, or closed since: not in the queue any more.
    if (!(await this.queued.isQueued(kind, itemId))) return 'not-queued';
    const now = this.clock();
    const team = scope.kind === 'department' ? await this.teams.operatorsOf(scope.key) : await this.teams.engineersOf(Number(scope.key));
    const [available, open, cursor] = await Promise.all([
      this.presence.availableAmong(team, now),
      this.ledger.openItemsOf(kind, team),
      this.ledger.cursorOf(scope),
    ]);
    const outcome = chooseAssignee({
      strategy: settings.mode,
      candidates: team.map((id) => ({ id, available: available.has(id), openItems: open.get(id) ?? 0 })),
      maxOpenPerOperator: settings.maxOpenPerOperator,
      serviceCode,
      skills: settings.skills,
      cursor,
    });
    if (outcome.kind === 'queue') return outcome.reason;
    const decision: AssignmentDecision = { assigneeId: outcome.assigneeId, assignedBy: outcome.assignedBy };
    await this.ledger.recordDecision(kind, decisionKey, scope, decision, now, itemId);
    await this.issue(kind, itemId, decisionKey, decision, causationId);
    return 'assigned';
  }

  private async issue(kind: QueueItemKind, itemId: string, decisionKey: string, decision: AssignmentDecision, causationId: string): Promise<void> {
    const envelope = { commandId: `auto-assignment:${kind}:${decisionKey}`, origin: 'system' as const, causationId, correlationId: itemId };
    const now = this.clock();
    if (kind === 'request') {
      const command: RequestCommand = {
        type: 'AutoAssignRequest',
        assigneeId: decision.assigneeId,
        assignedBy: decision.assignedBy,
        by: AUTO_ASSIGNMENT_ACTOR,
        now,
      };
      await this.commands.execute(new ExecuteRequestCommand(itemId, command, envelope));
    } else {
      const command: IncidentCommand = {
        type: 'AutoAssignIncident',
        assigneeId: decision.assigneeId,
        assignedBy: decision.assignedBy,
        by: AUTO_ASSIGNMENT_ACTOR,
        now,
      };
      await this.commands.execute(new ExecuteIncidentCommand(itemId, command, envelope));
    }
  }
}
