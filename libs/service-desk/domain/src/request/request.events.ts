import type { Attachment, ChannelContact } from '../shared/channel';
import type { Priority } from '../shared/priority';
import type { RoutedBy } from '../routing/routing-rule';
import type { AssignedBy } from '../assignment/auto-assignment';
import type { RequestTransition } from './request-status';
import type { SlaClock } from '../sla/sla-clock';
import type { SlaTarget } from '../sla/sla-policy';

/** How an assignment came about: absent for a manager's choice, `taken` when the assignee claimed it from the queue. */
export type AssignmentMode = 'taken';

/** Every event says who did it and when (ISO-8601 UTC); events that move the state name the move. */
interface Fact {
  readonly requestId: string;
  readonly by: string;
  readonly at: string;
}

export type RequestEvent =
  | {
      type: 'RequestRegistered';
      data: Fact & {
        contact: ChannelContact;
        subject?: string;
        department?: string;
        clientId?: string;
        /** The contact's earlier request it follows. */
        previousRequestId?: string;
        /** Set by the routing rule that routed it (absent: P3 until a manager sets one). */
        priority?: Priority;
        tags?: readonly string[];
        /** The routing rule that chose its department; absent when it went to the intake department by default. */
        routedBy?: RoutedBy;
        /** The estate unit it is about (an operator's choice, or the client's only unit at intake). */
        unitId?: string;
        /** The building it is about: the unit's, or a building's common areas. */
        buildingId?: string;
        /** The building's site (its slug, which names the group `/sites/<slug>`): what reports group by. */
        siteSlug?: string;
      };
    }
  | {
      type: 'RequestAssigned';
      data: Fact & {
        assigneeId: string;
        department?: string;
        transition?: RequestTransition;
        mode?: AssignmentMode;
        /** Set by automatic assignment; absent on a manager's assignment or a take (see `assignedByOf`). */
        assignedBy?: AssignedBy;
      };
    }
  | { type: 'RequestPrioritySet'; data: Fact & { priority: Priority; previous: Priority } }
  | { type: 'ClientLinked'; data: Fact & { clientId: string } }
  | { type: 'OrderLinked'; data: Fact & { orderId: string; orderCode: string } }
  /** The unit (with its building and site) chosen after registration; `previousUnitId` when it replaced another. */
  | { type: 'RequestUnitSet'; data: Fact & { unitId: string; buildingId: string; siteSlug: string; previousUnitId?: string } }
  | {
      type: 'MessageReceived';
      data: Fact & { messageId: string; channel: ChannelContact['channel']; text: string; attachments: readonly Attachment[]; receivedAt: string };
    }
  | { type: 'ReplySent'; data: Fact & { replyId: string; text: string; contact: ChannelContact } }
  | {
      type: 'RequestEscalated';
      data: Fact & {
        incidentId: string;
        serviceCode: number;
        summary?: string;
        transition: RequestTransition;
        /** The request's, handed to its incident. */ priority?: Priority;
      };
    }
  | {
      type: 'RequestClosed';
      data: Fact & { reason: string; incidentId?: string; /** Closed with the problem it was linked to. */ problemId?: string; transition: RequestTransition };
    }
  /** The client wrote again soon after closing: the request is worked again (its message follows as MessageReceived). */
  | { type: 'RequestReopened'; data: Fact & { reason: string; transition: RequestTransition } }
  /** A status notification for the client, to go out on their channel (also after closing). */
  | { type: 'ClientNotified'; data: Fact & { notificationId: string; text: string; contact: ChannelContact } }
  /**
   * A reply or notification held back until `until` by the client's quiet hours or availability, a
   * rate limit, or a requested time (`reason`); it goes then.
   */
  | { type: 'OutboundScheduled'; data: Fact & { outboundId: string; until: string; reason: string } }
  /** A reply or notification left on the contact's channel (`channelMessageId`: the channel's id for it). */
  | { type: 'OutboundSent'; data: Fact & { outboundId: string; channelMessageId?: string } }
  /** The channel confirmed delivery to the handset (SMS delivery receipt). */
  | { type: 'OutboundDelivered'; data: Fact & { outboundId: string } }
  /** Sending gave up after its retries; the reason is the channel's last answer. */
  | { type: 'OutboundFailed'; data: Fact & { outboundId: string; reason: string } }
  /** The SLA clock as its policy and the request's history make it now (due times moved, paused, met). */
  | { type: 'RequestSlaClockSet'; data: Fact & { clock: SlaClock } }
  /** A share of a target's business time has run (SLA_WARNING_SHARE); `dueAt` is the due time it warns of. */
  | { type: 'RequestSlaWarning'; data: Fact & { target: SlaTarget; dueAt: string } }
  | { type: 'RequestSlaBreached'; data: Fact & { target: SlaTarget; dueAt: string } };

export type RequestEventType = RequestEvent['type'];

export const requestEventTypes: readonly RequestEventType[] = [
  'RequestRegistered',
  'RequestAssigned',
  'RequestPrioritySet',
  'ClientLinked',
  'OrderLinked',
  'RequestUnitSet',
  'MessageReceived',
  'ReplySent',
  'RequestEscalated',
  'RequestClosed',
  'RequestReopened',
  'ClientNotified',
  'OutboundScheduled',
  'OutboundSent',
  'OutboundDelivered',
  'OutboundFailed',
  'RequestSlaClockSet',
  'RequestSlaWarning',
  'RequestSlaBreached',
];
