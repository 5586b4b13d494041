import type { RecordedEvent } from '@switchboard/eventstore';
import { isIncidentEvent, isRequestEvent } from '@switchboard/service-desk/domain';
import type { AssigneeNotice, AssigneeNotices } from '../ports/assignee-notices.port';
import type { Mailer } from '../ports/mailer.port';
import type { NotificationRecipients } from '../ports/notification-recipients.port';
import type { SentNotifications } from '../ports/sent-notifications.port';
import type { ProcessManager } from './process-manager';

/**
 * Whoever is given a request or an incident hears of it: at once in their open consoles (the live
 * notice over `/me/events`) and by email. Taking an item oneself tells nobody. The email goes once
 * per assignment event (replays included); the live notice carries the event id, so a console can
 * tell a repeated one.
 */
export class AssignmentNotificationProcessManager implements ProcessManager {
  readonly name = 'assignment-notification';
  readonly filter = { eventTypes: ['RequestAssigned', 'IncidentAssigned'] };

  constructor(
    private readonly notices: AssigneeNotices,
    private readonly recipients: NotificationRecipients,
    private readonly mailer: Mailer,
    private readonly sent: SentNotifications,
    private readonly consoleUrl: string,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const notice = noticeOf(event);
    if (!notice || notice.assigneeId === notice.by) return;
    await this.notices.publish(notice);
    const key = `${this.name}:${event.id}`;
    if (await this.sent.wasSent(key)) return;
    const to = await this.recipients.userEmails(notice.assigneeId);
    // Someone without an email address still got the live notice; there is nothing to retry.
    if (to.length > 0) {
      const what = notice.kind === 'request' ? 'service request' : 'incident';
      await this.mailer.send({
        to,
        subject: `${notice.kind === 'request' ? 'A' : 'An'} ${what} was assigned to you (${notice.kind} ${notice.id})`,
        text: [`The ${what} ${notice.id} was assigned to you.`, `${this.consoleUrl}/${notice.kind === 'request' ? 'requests' : 'incidents'}/${notice.id}`].join(
          '\n',
        ),
      });
    }
    await this.sent.markSent(key);
  }
}

function noticeOf(event: RecordedEvent): AssigneeNotice | undefined {
  if (isRequestEvent(event, 'RequestAssigned')) {
    const d = event.data;
    return { kind: 'request', id: d.requestId, assigneeId: d.assigneeId, by: d.by, at: d.at, eventId: event.id };
  }
  if (isIncidentEvent(event, 'IncidentAssigned')) {
    const d = event.data;
    return { kind: 'incident', id: d.incidentId, assigneeId: d.assigneeId, by: d.by, at: d.at, eventId: event.id };
  }
  return undefined;
}
