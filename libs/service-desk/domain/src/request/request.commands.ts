import type { Attachment, ChannelContact } from '../shared/channel';
import type { CommandMeta } from '../shared/command-meta';
import type { Priority } from '../shared/priority';
import type { RoutedBy } from '../routing/routing-rule';
import type { SlaClock } from '../sla/sla-clock';
import type { SlaTarget } from '../sla/sla-policy';
import type { AssignedBy } from '../assignment/auto-assignment';

export interface InboundMessage {
  /** The channel's own message id (Telegram update_id, SMPP message id, AMQP message-id, call id). */
  readonly messageId: string;
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  readonly receivedAt: Date;
}

export type RequestCommand =
  | (CommandMeta & {
      type: 'RegisterRequest';
      requestId: string;
      contact: ChannelContact;
      subject?: string;
      department?: string;
      clientId?: string;
      message?: InboundMessage;
      /** An operator registering a request takes it at once. */
      assigneeId?: string;
      /** The contact's earlier request, closed too long ago to reopen: the new one links to it. */
      previousRequestId?: string;
      /** What the routing rule that chose the department set. */
      priority?: Priority;
      tags?: readonly string[];
      routedBy?: RoutedBy;
      /** The estate unit and building it is about, and the building's site (slug). */
      unitId?: string;
      buildingId?: string;
      siteSlug?: string;
    })
  | (CommandMeta & { type: 'AssignRequest'; assigneeId: string; department?: string })
  /** The acting operator claims an unassigned request of the queue (`by` becomes the assignee). */
  | (CommandMeta & { type: 'TakeRequest' })
  /** Automatic assignment hands a queued request to an operator; a request no longer in the queue is left as it is. */
  | (CommandMeta & { type: 'AutoAssignRequest'; assigneeId: string; assignedBy: AssignedBy })
  | (CommandMeta & { type: 'SetRequestPriority'; priority: Priority })
  /** `fromContact`: the contact shared their number; an already linked client (an operator's choice) stays. */
  | (CommandMeta & { type: 'LinkClient'; clientId: string; fromContact?: boolean })
  | (CommandMeta & { type: 'LinkOrder'; orderId: string; orderCode: string })
  /** The estate unit the request is about, chosen after registration (the client's pick among their units); the same unit again is a no-op. */
  | (CommandMeta & { type: 'SetRequestUnit'; unitId: string; buildingId: string; siteSlug: string })
  | (CommandMeta & { type: 'ReceiveMessage'; message: InboundMessage })
  /** The client wrote again after closing: the message reopens the request if it closed less than `windowMs` ago. */
  | (CommandMeta & { type: 'ReopenRequest'; message: InboundMessage; windowMs: number })
  | (CommandMeta & { type: 'SendReply'; replyId: string; text: string })
  | (CommandMeta & {
      type: 'EscalateRequest';
      incidentId: string;
      serviceCode: number;
      /** What L3 needs to know, in the operator's words. */ summary?: string;
    })
  | (CommandMeta & { type: 'CloseRequest'; reason: string })
  | (CommandMeta & { type: 'CloseRequestForIncident'; incidentId: string; outcome: 'closed' | 'cancelled' })
  /** The problem the request is linked to was closed: the request closes with it (a closed one stays as it is). */
  | (CommandMeta & { type: 'CloseRequestForProblem'; problemId: string })
  | (CommandMeta & { type: 'NotifyClient'; notificationId: string; text: string })
  /** The outcome of sending a reply or notification (its `replyId` / `notificationId`) on the contact's channel. */
  /** The SLA process manager recomputed the clock (a no-op when it did not change). */
  | (CommandMeta & { type: 'SetRequestSlaClock'; clock: SlaClock })
  /** A durable timer fired: records the warning or breach of the target due at `dueAt`, if the clock still says so; `escalate` raises the priority on a breach. */
  | (CommandMeta & { type: 'RecordRequestSlaMark'; mark: 'warning' | 'breach'; target: SlaTarget; dueAt: string; escalate?: boolean })
  | (CommandMeta & {
      type: 'RecordOutboundOutcome';
      outboundId: string;
      outcome: OutboundOutcome;
      channelMessageId?: string;
      reason?: string;
      /** For `scheduled`: the earliest time it goes (ISO 8601). */
      until?: string;
    });

/**
 * Where sending a reply or notification stands: `scheduled` — held back by the client's quiet
 * hours, availability or a rate limit until a later time (it still goes); `sent`, `delivered`,
 * `failed` as the channel answers.
 */
export type OutboundOutcome = 'scheduled' | 'sent' | 'delivered' | 'failed';

export type RequestCommandType = RequestCommand['type'];
