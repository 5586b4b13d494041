import type { Attachment, Channel, IncidentStatus, Priority, RequestStatus } from '@switchboard/service-desk/domain';
import type { ListSort } from './keyset-cursor';

/** What the principal may do with a row they see: change it, or only read it. */
export type Access = 'full' | 'read';

/** A keyset page: pass `nextCursor` back as `cursor` for the next one; null on the last page. */
export interface CursorPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface NumberedPage<T> {
  readonly items: T[];
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** Read-your-writes: wait (bounded) until the read models have passed a command's position. */
export interface Consistency {
  readonly minPosition?: string;
  /** Default 2 000 ms; on timeout the query answers from what is there. */
  readonly waitMs?: number;
}

export interface ClientRef {
  readonly id: string;
  /** "Last First Middle", or the organisation for a legal entity without names. */
  readonly name: string;
  readonly organisation: string | null;
  readonly phone: string;
}

export interface RequestListItem {
  readonly id: string;
  /** The stream revision the row reflects: the `If-Match` of the next command. */
  readonly revision: number;
  readonly state: RequestStatus;
  /** P1 most urgent; P3 until a manager sets one. */
  readonly priority: Priority;
  readonly channel: Channel;
  readonly contact: { readonly address: string; readonly displayName: string | null };
  readonly subject: string | null;
  readonly department: string | null;
  readonly assigneeId: string | null;
  /** Null when no client is linked, or the linked one is not in our customers tables. */
  readonly client: ClientRef | null;
  readonly clientId: string | null;
  readonly order: { readonly id: string; readonly code: string } | null;
  readonly service: { readonly code: number; readonly name: string | null } | null;
  readonly workGroup: { readonly code: number; readonly name: string | null } | null;
  readonly incident: { readonly id: string; readonly state: IncidentStatus | null; readonly assigneeId: string | null } | null;
  readonly lastMessage: { readonly text: string; readonly at: string; readonly direction: 'inbound' | 'outbound' } | null;
  readonly messageCount: number;
  /** The contact's earlier request this one follows (it had closed too long ago to reopen). */
  readonly previousRequestId: string | null;
  /** The estate unit and building it is about; absent when none was given. */
  readonly unitId?: string;
  readonly buildingId?: string;
  /** The building's site (its slug): site staff's scope. */
  readonly siteSlug?: string;
  /** The routing rule that sent it to its department at intake (its name then); null when it went to the intake department. */
  readonly routingRule: { readonly id: string; readonly name: string } | null;
  /** Set by the routing rule. */
  readonly tags: readonly string[];
  readonly closedReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  /** The live SLA; null without a policy for its department. */
  readonly sla: SlaDto | null;
  readonly access: Access;
}

/** One SLA target: its business minutes, where its clock stands, when it falls due, and its badge now. */
export interface SlaTargetDto {
  readonly targetMinutes: number;
  readonly status: 'running' | 'paused' | 'met' | 'missed';
  readonly dueAt: string | null;
  readonly warnAt: string | null;
  readonly state: 'ok' | 'warning' | 'breached' | 'met';
}

export interface SlaDto {
  readonly policyId: string;
  readonly policyName: string;
  /** The worse target's badge now; null when its priority has no targets. */
  readonly state: 'ok' | 'warning' | 'breached' | 'met' | null;
  /** The next due time of a running target (what `sort=dueAt` orders by). */
  readonly dueAt: string | null;
  readonly firstResponse: SlaTargetDto | null;
  readonly resolution: SlaTargetDto | null;
  /** A warning was recorded (SLA_WARNING_SHARE of a target ran). */
  readonly warned: boolean;
  /** A target was breached (recorded, or its due time passed). */
  readonly breached: boolean;
}

export interface ConversationEntry {
  readonly revision: number;
  /** Inbound from the client, an operator's reply, or a status notification to the client. */
  readonly kind: 'inbound' | 'reply' | 'notification';
  /** The channel's message id, or the reply / notification id. */
  readonly messageId: string;
  readonly channel: string;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly by: string;
  /** The author's name (a channel or Switchboard itself for inbound messages and notifications). */
  readonly byName: string;
  readonly at: string;
  /** Replies and notifications: where sending them stands; null for inbound messages. */
  readonly delivery: {
    readonly state: 'pending' | 'scheduled' | 'sent' | 'delivered' | 'failed';
    readonly reason: string | null;
    readonly at: string | null;
  } | null;
}

export interface StatusChange {
  readonly entityType: 'request' | 'incident';
  readonly entityId: string;
  readonly revision: number;
  readonly eventType: string;
  /** Null for the creation (request registered, incident opened). */
  readonly from: string | null;
  readonly to: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

/** One change in an entity's history: a state change, a (re)assignment, a department move, with its reason. */
export interface HistoryEntry {
  readonly revision: number;
  readonly eventType: string;
  /** The state before and after; both null when the state stayed (a reassignment). `from` is null for the creation. */
  readonly from: string | null;
  readonly to: string | null;
  /** Who the entity is assigned to by this change. */
  readonly assigneeId: string | null;
  readonly assigneeName: string | null;
  /** The department the request moves to (and the one it left): set on its registration and on each move only. */
  readonly department: string | null;
  readonly previousDepartment: string | null;
  /** Why: the hold, closure or cancellation reason, or the resolution. */
  readonly reason: string | null;
  /** On an assignment: how it came about (a manager, a take, or automatic assignment by round robin or least load). */
  readonly assignedBy: 'manual' | 'take' | 'round-robin' | 'least-loaded' | null;
  /** On a priority change: the new priority and the one before. */
  readonly priority: string | null;
  readonly previousPriority: string | null;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface RequestDetail extends RequestListItem {
  readonly conversation: ConversationEntry[];
  /** State changes only, oldest first. */
  readonly statusHistory: StatusChange[];
  /** Every change the history shows, oldest first. */
  readonly history: HistoryEntry[];
  /** The request's incidents the principal may see (at most one is active). */
  readonly incidents: IncidentListItem[];
}

export interface IncidentListItem {
  readonly id: string;
  readonly revision: number;
  readonly requestId: string;
  readonly state: IncidentStatus;
  readonly priority: Priority;
  readonly service: { readonly code: number; readonly name: string | null };
  readonly workGroup: { readonly code: number; readonly name: string | null };
  readonly assigneeId: string | null;
  readonly holdReason: string | null;
  readonly resolution: string | null;
  readonly cancelReason: string | null;
  readonly narrativeCount: number;
  readonly lastNarrative: { readonly text: string; readonly at: string } | null;
  readonly client: ClientRef | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly sla: SlaDto | null;
  readonly access: Access;
}

export interface NarrativeEntry {
  readonly revision: number;
  readonly narrativeId: string;
  readonly text: string;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface IncidentDetail extends IncidentListItem {
  readonly narrative: NarrativeEntry[];
  /** State changes only, oldest first. */
  readonly statusHistory: StatusChange[];
  /** Every change the history shows (reassignments and hold reasons included), oldest first. */
  readonly history: HistoryEntry[];
  /** The incident's request, when the principal may see it. */
  readonly request: RequestListItem | null;
}

export interface ClientDto {
  readonly id: string;
  readonly name: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly phone: string;
  readonly email: string | null;
  readonly inn: string | null;
  readonly organisation: string | null;
  readonly tags: readonly string[];
  readonly legacyId: number | null;
  /** Edits so far: the `If-Match` of the next one (also the card's ETag). */
  readonly revision: number;
}

/** One entry of a client's history: who changed what, when. */
export interface ClientChangeEntry {
  /** The client's revision after the change (an order added leaves it as it was). */
  readonly revision: number;
  readonly change: 'created' | 'migrated' | 'edited' | 'order-added';
  /** Field by field (an added order under `order`). */
  readonly changes: Readonly<Record<string, { readonly from: string | null; readonly to: string | null }>>;
  readonly by: string;
  readonly byName: string;
  readonly at: string;
}

export interface OrderDto {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Decimal as a string: money is never a float. */
  readonly cost: string;
  readonly createdAt: string;
  readonly client: ClientRef;
}

export interface ClientCard {
  readonly client: ClientDto;
  /** Newest first. */
  readonly orders: OrderDto[];
  /** The client's requests the principal may see, most recently updated first. */
  readonly requests: RequestListItem[];
  /** The incidents of the client's requests the principal may see, most recently updated first. */
  readonly incidents: IncidentListItem[];
  /** Every recorded change of the client, oldest first. */
  readonly history: ClientChangeEntry[];
}

export interface RequestFilters extends Consistency {
  readonly state?: readonly RequestStatus[];
  /** A user id; null means unassigned. */
  readonly assignee?: string | null;
  readonly priority?: readonly Priority[];
  readonly channel?: readonly Channel[];
  readonly clientId?: string;
  /** Words that must all appear in the subject, the last message or the client's name. */
  readonly q?: string;
  /** Created at or after. */
  readonly from?: Date;
  /** Created before. */
  readonly to?: Date;
  /** true: only those whose SLA was breached (recorded, or a due time passed); false: only those not. */
  readonly breached?: boolean;
  readonly sort?: ListSort;
  /** Default 20, at most 100. */
  readonly limit?: number;
}

export interface IncidentFilters extends Consistency {
  readonly state?: readonly IncidentStatus[];
  /** A user id; null means unassigned. */
  readonly assignee?: string | null;
  readonly priority?: readonly Priority[];
  /** Work-group code. */
  readonly workGroup?: number;
  /** Service code. */
  readonly service?: number;
  readonly clientId?: string;
  /** Words that must all appear in the incident (resolution, last narrative) or its request (subject, last message, client name). */
  readonly q?: string;
  readonly breached?: boolean;
  readonly sort?: ListSort;
  readonly limit?: number;
}

export interface ClientSearch {
  /** Name words (any order, parts of words match) or a phone prefix ("+7916", "7916"). Empty lists all. */
  readonly q?: string;
  /** 1-based; ignored with a cursor. */
  readonly page?: number;
  /** Default 20, at most 100. */
  readonly pageSize?: number;
  /** The previous page's `nextCursor`. */
  readonly cursor?: string;
}

/** A page of a client search: the count is exact up to 1,000, else "1000+". */
export interface ClientPage {
  readonly items: ClientDto[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number | '1000+';
  readonly nextCursor: string | null;
}

export interface OrderSearch {
  /** Part of an order code or name. */
  readonly q?: string;
  readonly clientId?: string;
  readonly page?: number;
  readonly pageSize?: number;
}

export type SavedFilterResource = 'requests' | 'incidents';

export interface SavedFilter {
  readonly id: string;
  readonly resource: SavedFilterResource;
  readonly name: string;
  /** The query parameters as the client sent them (e.g. `{ "state": ["NEW"], "q": "router" }`). */
  readonly filters: Record<string, unknown>;
  readonly createdAt: string;
  readonly updatedAt: string;
}
