import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import { incidentDecider, incidentStreamId, isIncidentEvent, isRequestEvent, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { SlaTarget } from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import type { AssigneeNotices } from '../ports/assignee-notices.port';
import type { Mailer } from '../ports/mailer.port';
import type { SentNotifications } from '../ports/sent-notifications.port';
import type { ProcessManager } from '../process-managers/process-manager';

/** A manager to tell: their user id (for the live notice) and address (for the email), if any. */
export interface SlaManager {
  readonly userId: string;
  readonly email?: string;
}

/** Who hears of a breach: the help-desk managers of a request's department, the manager of an incident's work group. */
export interface SlaBreachRecipients {
  departmentManagers(department: string): Promise<SlaManager[]>;
  workGroupManagers(workGroupCode: number): Promise<SlaManager[]>;
}

const targetName: Record<SlaTarget, string> = { firstResponse: 'first response', resolution: 'resolution' };

/**
 * A breach tells the managers at once: a live notice in their open consoles (`/me/events`,
 * `sla-breached`) and an email, once per breach event (replays included).
 */
export class SlaBreachNotificationProcessManager implements ProcessManager {
  readonly name = 'sla-breach-notification';
  readonly filter = { eventTypes: ['RequestSlaBreached', 'IncidentSlaBreached'] };
  private readonly requests;
  private readonly incidents;

  constructor(
    store: EventStore,
    private readonly recipients: SlaBreachRecipients,
    private readonly notices: AssigneeNotices,
    private readonly mailer: Mailer,
    private readonly sent: SentNotifications,
    private readonly consoleUrl: string,
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  async handle(event: RecordedEvent): Promise<void> {
    let kind: 'request' | 'incident';
    let id: string;
    let target: SlaTarget;
    let managers: SlaManager[] = [];
    if (isRequestEvent(event, 'RequestSlaBreached')) {
      kind = 'request';
      ({ requestId: id, target } = event.data);
      const { state } = await this.requests.load(requestStreamId(id));
      if (state.exists && state.department) managers = await this.recipients.departmentManagers(state.department);
    } else if (isIncidentEvent(event, 'IncidentSlaBreached')) {
      kind = 'incident';
      ({ incidentId: id, target } = event.data);
      const { state } = await this.incidents.load(incidentStreamId(id));
      if (state.exists) managers = await this.recipients.workGroupManagers(state.workGroupCode);
    } else return;
    const by = (event.data as { by: string }).by;
    const at = (event.data as { at: string }).at;
    for (const manager of managers) {
      await this.notices.publish({ kind, id, assigneeId: manager.userId, by, at, eventId: event.id, reason: 'sla-breached' });
    }
    const key = `${this.name}:${event.id}`;
    const to = managers.map((m) => m.email).filter((e): e is string => Boolean(e));
    if (to.length === 0 || (await this.sent.wasSent(key))) return;
    const what = kind === 'request' ? 'service request' : 'incident';
    await this.mailer.send({
      to,
      subject: `SLA breached: ${targetName[target]} of ${what} ${id}`,
      text: [
        `The ${targetName[target]} target of ${what} ${id} was breached.`,
        `${this.consoleUrl}/${kind === 'request' ? 'requests' : 'incidents'}/${id}`,
      ].join('\n'),
    });
    await this.sent.markSent(key);
  }
}
