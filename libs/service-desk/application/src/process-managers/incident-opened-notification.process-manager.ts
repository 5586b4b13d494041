import type { RecordedEvent } from '@switchboard/eventstore';
import { isIncidentEvent } from '@switchboard/service-desk/domain';
import type { Mailer } from '../ports/mailer.port';
import type { NotificationRecipients } from '../ports/notification-recipients.port';
import type { SentNotifications } from '../ports/sent-notifications.port';
import type { ProcessManager } from './process-manager';

/** An incident opened for a work group asks the work-group manager, by email, to assign an engineer. */
export class IncidentOpenedNotificationProcessManager implements ProcessManager {
  readonly name = 'incident-opened-notification';
  readonly filter = { eventTypes: ['IncidentOpened'] };

  constructor(
    private readonly recipients: NotificationRecipients,
    private readonly mailer: Mailer,
    private readonly sent: SentNotifications,
    private readonly consoleUrl: string,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (!isIncidentEvent(event, 'IncidentOpened')) return;
    const key = `${this.name}:${event.id}`;
    if (await this.sent.wasSent(key)) return;
    const opened = event.data;
    const to = await this.recipients.workGroupManagers(opened.workGroupCode);
    if (to.length === 0) throw new Error(`work group ${opened.workGroupCode} has no manager with an email address`);
    await this.mailer.send({
      to,
      subject: `New incident for your work group: please assign it (incident ${opened.incidentId})`,
      text: [
        `An incident was opened for service ${opened.serviceCode} and routed to your work group (${opened.workGroupCode}).`,
        `It comes from service request ${opened.requestId}. Please assign an engineer.`,
        `${this.consoleUrl}/incidents/${opened.incidentId}`,
      ].join('\n'),
    });
    await this.sent.markSent(key);
  }
}
