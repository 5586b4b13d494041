import type { OutboundOutcome } from './request.commands';
import type { SlaClock } from '../sla/sla-clock';
import type { ChannelContact } from '../shared/channel';
import type { Priority } from '../shared/priority';
import type { RequestStatus } from './request-status';

export interface ServiceRequest {
  readonly exists: true;
  readonly id: string;
  readonly status: RequestStatus;
  readonly contact: ChannelContact;
  readonly subject?: string;
  readonly department?: string;
  readonly clientId?: string;
  readonly orderId?: string;
  /** The estate unit it is about (registered with it, or chosen after). */
  readonly unitId?: string;
  readonly assigneeId?: string;
  /** The site of its unit or building: the one it was registered for, then its unit's after `RequestUnitSet` (the site follows the unit). Site staff's scope. */
  readonly siteSlug?: string;
  /** Undefined until a manager sets one (counts as `defaultPriority`). */
  readonly priority?: Priority;
  readonly activeIncidentId?: string;
  /** The request's incident, kept after it closes: who worked on it still reads the request. */
  readonly incidentId?: string;
  /** When it last closed (ISO-8601), while it is closed. */
  readonly closedAt?: string;
  readonly previousRequestId?: string;
  /** The problem whose closing closed it, while it is closed. */
  readonly closedForProblemId?: string;
  /** Channel message ids already in the conversation: a redelivered message is a no-op. */
  readonly messageIds: ReadonlySet<string>;
  readonly replyIds: ReadonlySet<string>;
  readonly notificationIds: ReadonlySet<string>;
  /** Last recorded outcome per outbound message (reply or notification). */
  readonly outboundOutcomes: ReadonlyMap<string, OutboundOutcome>;
  /** The SLA clock as last set (none without a policy). */
  readonly sla?: SlaClock;
  /** Warnings and breaches recorded: `warning:<target>:<dueAt>`, `breach:<target>`. */
  readonly slaMarks?: ReadonlySet<string>;
}

export type RequestState = ServiceRequest | { readonly exists: false };

export const initialRequestState: RequestState = { exists: false };
