import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import { asIncidentEvent, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { Mailer } from '../ports/mailer.port';
import type { NotificationRecipients } from '../ports/notification-recipients.port';
import type { SentNotifications } from '../ports/sent-notifications.port';
import type { ProcessManager } from './process-manager';

/**
 * An incident closed or cancelled closes its request, then tells the help-desk managers of the
 * request's department, the work group's manager, and the client (on the client's channel).
 */
export class IncidentClosureProcessManager implements ProcessManager {
  readonly name = 'incident-closure';
  readonly filter = { eventTypes: ['IncidentClosed', 'IncidentCancelled'] };
  private readonly requests: EventSourcedRepository<never, ReturnType<typeof requestDecider.decide>[number], typeof requestDecider.initialState>;

  constructor(
    private readonly commands: CommandBus,
    store: EventStore,
    private readonly recipients: NotificationRecipients,
    private readonly mailer: Mailer,
    private readonly sent: SentNotifications,
    private readonly consoleUrl: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
  }

  async handle(event: RecordedEvent): Promise<void> {
    const ended = asIncidentEvent(event);
    if (ended?.type !== 'IncidentClosed' && ended?.type !== 'IncidentCancelled') return;
    const { incidentId, requestId, workGroupCode } = ended.data;
    const outcome = ended.type === 'IncidentClosed' ? 'closed' : 'cancelled';
    const envelope = (step: string) => ({
      commandId: `${this.name}:${step}:${event.id}`,
      origin: 'system' as const,
      causationId: event.id,
      correlationId: requestId,
    });

    await this.commands.execute(
      new ExecuteRequestCommand(
        requestId,
        { type: 'CloseRequestForIncident', incidentId, outcome, by: 'system:incident-closure', now: this.clock() },
        envelope('close'),
      ),
    );

    const { state } = await this.requests.load(requestStreamId(requestId));
    const department = state.exists ? state.department : undefined;
    const what =
      outcome === 'closed'
        ? `Incident ${incidentId} was closed`
        : `Incident ${incidentId} was cancelled (unlinked: ${ended.type === 'IncidentCancelled' ? ended.data.reason : ''})`;
    const text = `${what}; service request ${requestId} is closed.\n${this.consoleUrl}/requests/${requestId}`;

    await this.emailOnce(`${this.name}:sl3-manager:${event.id}`, await this.recipients.workGroupManagers(workGroupCode), `${what}`, text);
    if (department) {
      await this.emailOnce(`${this.name}:help-desk-manager:${event.id}`, await this.recipients.departmentManagers(department), `${what}`, text);
    }
    const clientText =
      outcome === 'closed'
        ? `Your request ${requestId.slice(0, 8)} has been resolved and closed. Thank you for contacting us.`
        : `Your request ${requestId.slice(0, 8)} has been closed. If the problem persists, just write to us again.`;
    await this.commands.execute(
      new ExecuteRequestCommand(
        requestId,
        { type: 'NotifyClient', notificationId: `${this.name}:${event.id}`, text: clientText, by: 'system:incident-closure', now: this.clock() },
        envelope('notify-client'),
      ),
    );
  }

  private async emailOnce(key: string, to: string[], subject: string, text: string): Promise<void> {
    if (to.length === 0 || (await this.sent.wasSent(key))) return;
    await this.mailer.send({ to, subject, text });
    await this.sent.markSent(key);
  }
}
