/**
 * The API's answers and command bodies, as the read models and controllers define them today.
 * Interim: the OpenAPI document has no response or body schemas yet (issue 11 adds them); phase 2
 * replaces these declarations with aliases of the generated `components['schemas']`.
 */
export const requestStates = ['NEW', 'IN_PROGRESS', 'ESCALATED', 'CLOSED'] as const;
export type RequestState = (typeof requestStates)[number];
export const incidentStates = ['NEW', 'ASSIGNED', 'IN_WORK', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED'] as const;
export type IncidentState = (typeof incidentStates)[number];
export const channels = ['telegram', 'sms', 'esb', 'phone', 'email', 'operator'] as const;
export type Channel = (typeof channels)[number];
export const listSorts = ['-updatedAt', 'updatedAt', '-createdAt', 'createdAt'] as const;
export type ListSort = (typeof listSorts)[number];

export type Access = 'full' | 'read';

export interface CursorPage<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface NumberedPage<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

export interface ClientRef {
  readonly id: string;
  readonly name: string;
  readonly organisation: string | null;
  readonly phone: string;
}

export interface RequestListItem {
  readonly id: string;
  readonly revision: number;
  readonly state: RequestState;
  readonly channel: Channel;
  readonly contact: { readonly address: string; readonly displayName: string | null };
  readonly subject: string | null;
  readonly department: string | null;
  readonly assigneeId: string | null;
  readonly client: ClientRef | null;
  readonly clientId: string | null;
  readonly order: { readonly id: string; readonly code: string } | null;
  readonly service: { readonly code: number; readonly name: string | null } | null;
  readonly workGroup: { readonly code: number; readonly name: string | null } | null;
  readonly incident: { readonly id: string; readonly state: IncidentState | null; readonly assigneeId: string | null } | null;
  readonly lastMessage: { readonly text: string; readonly at: string; readonly direction: 'inbound' | 'outbound' } | null;
  readonly messageCount: number;
  readonly closedReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly access: Access;
}

export interface Attachment {
  readonly kind: 'photo' | 'document' | 'audio' | 'other';
  /** The channel's own file reference (Telegram file_id, ...). */
  readonly fileId: string;
  readonly name?: string;
}

export interface ConversationEntry {
  readonly revision: number;
  readonly kind: 'inbound' | 'reply' | 'notification';
  readonly messageId: string;
  readonly channel: string;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly by: string;
  readonly at: string;
  readonly delivery: { readonly state: 'pending' | 'sent' | 'delivered' | 'failed'; readonly reason: string | null; readonly at: string | null } | null;
}

export interface StatusChange {
  readonly entityType: 'request' | 'incident';
  readonly entityId: string;
  readonly revision: number;
  readonly eventType: string;
  readonly from: string | null;
  readonly to: string;
  readonly by: string;
  readonly at: string;
}

export interface IncidentListItem {
  readonly id: string;
  readonly revision: number;
  readonly requestId: string;
  readonly state: IncidentState;
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
  readonly access: Access;
}

export interface RequestDetail extends RequestListItem {
  readonly conversation: ConversationEntry[];
  readonly statusHistory: StatusChange[];
  readonly incidents: IncidentListItem[];
}

export interface NarrativeEntry {
  readonly revision: number;
  readonly narrativeId: string;
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

export interface IncidentDetail extends IncidentListItem {
  readonly narrative: NarrativeEntry[];
  readonly statusHistory: StatusChange[];
  readonly request: RequestListItem | null;
}

export interface Client {
  readonly id: string;
  readonly name: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  readonly phone: string;
  readonly email: string | null;
  readonly inn: string | null;
  readonly organisation: string | null;
  readonly legacyId: number | null;
}

/** A search hit: ours (`id`), or a LegacyDB client not migrated yet (`source: 'legacy'`, `legacyId`). */
export interface ClientHit {
  readonly source?: 'ours' | 'legacy';
  readonly id?: string;
  readonly legacyId?: number | null;
  readonly name?: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName?: string | null;
  readonly phone?: string;
  readonly recordedPhone?: string;
  readonly email?: string | null;
  readonly inn?: string | null;
  readonly organisation?: string | null;
}

export interface ClientSearchAnswer {
  readonly items: ClientHit[];
  readonly page: number;
  readonly pageSize: number;
  readonly total?: number;
  /** The LegacyDB did not answer in time (or matched too many): more clients may exist. */
  readonly partial: boolean;
  readonly partialReason?: string;
}

export const clientHitName = (hit: ClientHit): string =>
  hit.name || [hit.lastName, hit.firstName, hit.middleName].filter(Boolean).join(' ') || hit.organisation || '';

export const isLegacyHit = (hit: ClientHit): boolean => hit.source === 'legacy' || !hit.id;

export interface Order {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly cost: string;
  readonly createdAt: string;
  readonly client: ClientRef;
}

export interface ClientCard {
  readonly client: Client;
  readonly orders: Order[];
  readonly requests: RequestListItem[];
  readonly incidents: IncidentListItem[];
}

export interface Service {
  readonly code: number;
  readonly name: string;
  readonly workGroupCode: number;
  readonly workGroupName: string;
}

export interface SavedFilter {
  readonly id: string;
  readonly resource: 'requests' | 'incidents';
  readonly name: string;
  readonly filters: Record<string, unknown>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** 202 of every command. */
export interface Accepted {
  readonly id: string;
  readonly position: string | null;
  readonly revision: number;
  readonly incidentId?: string;
}

export interface RequestListFilters {
  readonly state?: readonly RequestState[];
  readonly assignee?: string;
  readonly channel?: readonly Channel[];
  readonly clientId?: string;
  readonly q?: string;
  readonly from?: string;
  readonly to?: string;
  readonly sort?: ListSort;
}

export interface IncidentListFilters {
  readonly state?: readonly IncidentState[];
  readonly assignee?: string;
  /** Service code. */
  readonly service?: number;
  readonly clientId?: string;
  readonly q?: string;
  readonly sort?: ListSort;
}
