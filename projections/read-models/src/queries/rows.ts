import type { Attachment, Channel, IncidentStatus, Priority, RequestStatus, SlaClock } from '@switchboard/service-desk/domain';
import { slaStateAt, slaTargetStateAt } from '@switchboard/service-desk/domain';
import type {
  ClientChangeEntry,
  ClientDto,
  ClientRef,
  ConversationEntry,
  HistoryEntry,
  IncidentListItem,
  NarrativeEntry,
  OrderDto,
  RequestListItem,
  SlaDto,
  StatusChange,
} from './read-model.dtos';
import { iso } from './sql';

/** Names next to ids: a name for every author and assignee of the rows. */
export type NameOf = (id: string) => string;

// ---- clients -------------------------------------------------------------------------------

export const CLIENT_REF_COLUMNS = (c: string, prefix: string): string =>
  `${c}.id AS ${prefix}id, ${c}.last_name AS ${prefix}last_name, ${c}.first_name AS ${prefix}first_name,
   ${c}.middle_name AS ${prefix}middle_name, ${c}.organisation AS ${prefix}organisation, ${c}.phone AS ${prefix}phone`;

interface ClientRefRow {
  id: string | null;
  last_name: string | null;
  first_name: string | null;
  middle_name: string | null;
  organisation: string | null;
  phone: string | null;
}

export function displayName(c: { last_name: string | null; first_name: string | null; middle_name: string | null; organisation: string | null }): string {
  const person = [c.last_name, c.first_name, c.middle_name].filter((p): p is string => Boolean(p && p.trim())).join(' ');
  return person || c.organisation || '';
}

function clientRef(row: Record<string, unknown>, prefix: string): ClientRef | null {
  const c = Object.fromEntries(
    ['id', 'last_name', 'first_name', 'middle_name', 'organisation', 'phone'].map((k) => [k, row[`${prefix}${k}`] ?? null]),
  ) as unknown as ClientRefRow;
  if (!c.id) return null;
  return { id: c.id, name: displayName(c), organisation: c.organisation, phone: c.phone ?? '' };
}

export const CLIENT_COLUMNS =
  'c.id, c.last_name, c.first_name, c.middle_name, c.phone, c.email, c.inn, c.organisation, c.tags, c.legacy_id::text AS legacy_id, c.revision::text AS revision';

export interface ClientRow {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  phone: string;
  email: string | null;
  inn: string | null;
  organisation: string | null;
  tags: string[];
  legacy_id: string | null;
  revision: string;
}

export const toClient = (r: ClientRow): ClientDto => ({
  id: r.id,
  name: displayName(r),
  lastName: r.last_name,
  firstName: r.first_name,
  middleName: r.middle_name,
  phone: r.phone,
  email: r.email,
  inn: r.inn,
  organisation: r.organisation,
  tags: r.tags ?? [],
  legacyId: r.legacy_id === null ? null : Number(r.legacy_id),
  revision: Number(r.revision),
});

/** A client's history, oldest first (the customers context writes it with every change). */
export const CLIENT_HISTORY_SQL = `SELECT h.revision::text AS revision, h.change, h.changes, h.changed_by, h.changed_at
  FROM customers_client_changes h WHERE h.client_id = $1 ORDER BY h.id`;

export interface ClientChangeRow {
  revision: string;
  change: ClientChangeEntry['change'];
  changes: ClientChangeEntry['changes'];
  changed_by: string;
  changed_at: Date;
}

export const toClientChange = (h: ClientChangeRow, nameOf: NameOf): ClientChangeEntry => ({
  revision: Number(h.revision),
  change: h.change,
  changes: h.changes,
  by: h.changed_by,
  byName: nameOf(h.changed_by),
  at: h.changed_at.toISOString(),
});

export const ORDER_COLUMNS = `o.id AS order_id, o.code AS order_code, o.name AS order_name, o.cost::text AS order_cost, o.created_at AS order_created_at,
  ${CLIENT_REF_COLUMNS('c', 'client_')}`;

export interface OrderRow {
  order_id: string;
  order_code: string;
  order_name: string;
  order_cost: string;
  order_created_at: Date;
}

export const toOrder = (r: OrderRow & Record<string, unknown>): OrderDto => ({
  id: r.order_id,
  code: r.order_code,
  name: r.order_name,
  cost: r.order_cost,
  createdAt: r.order_created_at.toISOString(),
  client: clientRef(r, 'client_') ?? { id: '', name: '', organisation: null, phone: '' },
});

// ---- requests ------------------------------------------------------------------------------

/** Columns of a request row `r` (with `full_access`) and its joins, for every request DTO. */
export const REQUEST_COLUMNS = `r.id, r.last_revision::text AS revision, r.state, r.priority, r.channel, r.contact_address, r.contact_name, r.subject,
  r.department, r.assignee_id, r.client_id, r.order_id, r.order_code, r.service_code, r.incident_id, r.closed_reason,
  r.message_count, r.previous_request_id, r.unit_id, r.building_id, r.site_slug, r.routing_rule_id, r.routing_rule_name, r.tags, r.last_message_text, r.last_message_at, r.last_message_direction, r.created_at, r.updated_at, r.closed_at,
  r.sla, r.sla_due_at, r.sla_warned, r.sla_breached, r.full_access, ${CLIENT_REF_COLUMNS('c', 'client_')},
  s.name AS service_name, r.incident_state, r.incident_assignee_id,
  coalesce(r.incident_work_group_code, s.work_group_code) AS work_group_code, g.name AS work_group_name`;

export const REQUEST_JOINS = `LEFT JOIN customers_clients c ON c.id = r.client_id
  LEFT JOIN catalogue_services s ON s.code = r.service_code
  LEFT JOIN catalogue_work_groups g ON g.code = coalesce(r.incident_work_group_code, s.work_group_code)`;

export interface RequestRow {
  id: string;
  revision: string;
  state: RequestStatus;
  priority: Priority;
  channel: Channel;
  contact_address: string;
  contact_name: string | null;
  subject: string | null;
  department: string | null;
  assignee_id: string | null;
  client_id: string | null;
  order_id: string | null;
  order_code: string | null;
  service_code: number | null;
  incident_id: string | null;
  closed_reason: string | null;
  message_count: number;
  previous_request_id: string | null;
  unit_id: string | null;
  building_id: string | null;
  site_slug: string | null;
  routing_rule_id: string | null;
  routing_rule_name: string | null;
  tags: string[];
  last_message_text: string | null;
  last_message_at: Date | null;
  last_message_direction: 'inbound' | 'outbound' | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  full_access: boolean;
  service_name: string | null;
  incident_state: IncidentStatus | null;
  incident_assignee_id: string | null;
  work_group_code: number | null;
  work_group_name: string | null;
  sla: SlaClock | null;
  sla_due_at: Date;
  sla_warned: boolean;
  sla_breached: boolean;
}

export function toRequestItem(r: RequestRow): RequestListItem {
  return {
    id: r.id,
    revision: Number(r.revision),
    state: r.state,
    priority: r.priority,
    channel: r.channel,
    contact: { address: r.contact_address, displayName: r.contact_name },
    subject: r.subject,
    department: r.department,
    assigneeId: r.assignee_id,
    client: clientRef(r as unknown as Record<string, unknown>, 'client_'),
    clientId: r.client_id,
    order: r.order_id && r.order_code ? { id: r.order_id, code: r.order_code } : null,
    service: r.service_code === null ? null : { code: r.service_code, name: r.service_name },
    workGroup: r.work_group_code === null ? null : { code: r.work_group_code, name: r.work_group_name },
    incident: r.incident_id ? { id: r.incident_id, state: r.incident_state, assigneeId: r.incident_assignee_id } : null,
    lastMessage:
      r.last_message_text !== null && r.last_message_at && r.last_message_direction
        ? { text: r.last_message_text, at: r.last_message_at.toISOString(), direction: r.last_message_direction }
        : null,
    messageCount: r.message_count,
    previousRequestId: r.previous_request_id,
    ...(r.unit_id ? { unitId: r.unit_id } : {}),
    ...(r.building_id ? { buildingId: r.building_id } : {}),
    ...(r.site_slug ? { siteSlug: r.site_slug } : {}),
    routingRule: r.routing_rule_id ? { id: r.routing_rule_id, name: r.routing_rule_name ?? '' } : null,
    tags: r.tags,
    closedReason: r.closed_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: iso(r.closed_at),
    sla: toSla(r),
    access: r.full_access ? 'full' : 'read',
  };
}

// ---- SLA -----------------------------------------------------------------------------------

interface SlaColumns {
  sla: SlaClock | null;
  sla_warned: boolean;
  sla_breached: boolean;
}

/** The SLA as the lists show it: the clock as last set, its badge as of the query (a due time passing turns it breached before the timer's event lands). */
export function toSla(row: SlaColumns, now: Date = new Date()): SlaDto | null {
  const clock = row.sla;
  if (!clock) return null;
  const target = (t: SlaClock['firstResponse']) =>
    t ? { targetMinutes: t.targetMinutes, status: t.status, dueAt: t.dueAt ?? null, warnAt: t.warnAt ?? null, state: slaTargetStateAt(t, now) } : null;
  const firstResponse = target(clock.firstResponse);
  const resolution = target(clock.resolution);
  const running = [firstResponse, resolution].filter((t) => t?.status === 'running' && t.dueAt).map((t) => t?.dueAt as string);
  return {
    policyId: clock.policyId,
    policyName: clock.policyName,
    state: slaStateAt(clock, now) ?? null,
    dueAt: running.sort()[0] ?? null,
    firstResponse,
    resolution,
    warned: row.sla_warned,
    breached: row.sla_breached || firstResponse?.state === 'breached' || resolution?.state === 'breached',
  };
}

export interface MessageRow {
  revision: string;
  kind: ConversationEntry['kind'];
  message_id: string;
  channel: string;
  text: string;
  attachments: Attachment[];
  author: string;
  at: Date;
  delivery: 'pending' | 'scheduled' | 'sent' | 'delivered' | 'failed' | null;
  delivery_reason: string | null;
  delivery_at: Date | null;
}

/** A request's conversation in stream order (by the bigint revision, not its text form). */
export const CONVERSATION_SQL = `SELECT m.revision::text AS revision, m.kind, m.message_id, m.channel, m.text, m.attachments, m.author, m.at, m.delivery, m.delivery_reason, m.delivery_at
  FROM rm_request_messages m WHERE m.request_id = $1 ORDER BY m.revision`;

export const toConversationEntry = (m: MessageRow, nameOf: NameOf): ConversationEntry => ({
  revision: Number(m.revision),
  kind: m.kind,
  messageId: m.message_id,
  channel: m.channel,
  text: m.text,
  attachments: m.attachments,
  by: m.author,
  byName: nameOf(m.author),
  at: m.at.toISOString(),
  delivery: m.delivery ? { state: m.delivery, reason: m.delivery_reason, at: iso(m.delivery_at) } : null,
});

/** An entity's history in stream order (by the bigint revision, not its text form). */
export const HISTORY_SQL = `SELECT h.entity_type, h.entity_id, h.revision::text AS revision, h.event_type, h.from_state, h.to_state, h.changed_by, h.changed_at,
       h.assignee_id, h.department, h.previous_department, h.reason, h.assigned_by, h.priority, h.previous_priority
  FROM rm_status_history h WHERE h.entity_type = $1 AND h.entity_id = $2 ORDER BY h.revision`;

export interface HistoryRow {
  entity_type: 'request' | 'incident';
  entity_id: string;
  revision: string;
  event_type: string;
  from_state: string | null;
  to_state: string | null;
  changed_by: string;
  changed_at: Date;
  assignee_id: string | null;
  department: string | null;
  previous_department: string | null;
  reason: string | null;
  assigned_by: string | null;
  priority: string | null;
  previous_priority: string | null;
}

/** The ids whose names a history shows. */
export const historyPeople = (rows: readonly HistoryRow[]): string[] => rows.flatMap((h) => [h.changed_by, ...(h.assignee_id ? [h.assignee_id] : [])]);

export const toHistoryEntry = (h: HistoryRow, nameOf: NameOf): HistoryEntry => ({
  revision: Number(h.revision),
  eventType: h.event_type,
  from: h.from_state,
  to: h.to_state,
  assigneeId: h.assignee_id,
  assigneeName: h.assignee_id ? nameOf(h.assignee_id) : null,
  department: h.department,
  previousDepartment: h.previous_department,
  reason: h.reason,
  assignedBy: h.assigned_by as HistoryEntry['assignedBy'],
  priority: h.priority,
  previousPriority: h.previous_priority,
  by: h.changed_by,
  byName: nameOf(h.changed_by),
  at: h.changed_at.toISOString(),
});

/** The state changes of a history. */
export const toStatusHistory = (rows: readonly HistoryRow[], nameOf: NameOf): StatusChange[] =>
  rows
    .filter((h): h is HistoryRow & { to_state: string } => h.to_state !== null)
    .map((h) => ({
      entityType: h.entity_type,
      entityId: h.entity_id,
      revision: Number(h.revision),
      eventType: h.event_type,
      from: h.from_state,
      to: h.to_state,
      by: h.changed_by,
      byName: nameOf(h.changed_by),
      at: h.changed_at.toISOString(),
    }));

// ---- incidents -----------------------------------------------------------------------------

/** Columns of an incident row `i` (with `full_access`) and its joins, for every incident DTO. */
export const INCIDENT_COLUMNS = `i.id, i.last_revision::text AS revision, i.request_id, i.state, i.priority, i.service_code, i.work_group_code, i.assignee_id,
  i.hold_reason, i.resolution, i.cancel_reason, i.narrative_count, i.last_narrative_text, i.last_narrative_at,
  i.created_at, i.updated_at, i.closed_at, i.sla, i.sla_due_at, i.sla_warned, i.sla_breached, i.full_access, s.name AS service_name, g.name AS work_group_name,
  ${CLIENT_REF_COLUMNS('c', 'client_')}`;

export const INCIDENT_JOINS = `LEFT JOIN catalogue_services s ON s.code = i.service_code
  LEFT JOIN catalogue_work_groups g ON g.code = i.work_group_code
  LEFT JOIN rm_requests ir ON ir.id = i.request_id
  LEFT JOIN customers_clients c ON c.id = ir.client_id`;

export interface IncidentRow {
  id: string;
  revision: string;
  request_id: string;
  state: IncidentStatus;
  priority: Priority;
  service_code: number;
  work_group_code: number;
  assignee_id: string | null;
  hold_reason: string | null;
  resolution: string | null;
  cancel_reason: string | null;
  narrative_count: number;
  last_narrative_text: string | null;
  last_narrative_at: Date | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  full_access: boolean;
  service_name: string | null;
  work_group_name: string | null;
  sla: SlaClock | null;
  sla_due_at: Date;
  sla_warned: boolean;
  sla_breached: boolean;
}

export function toIncidentItem(i: IncidentRow): IncidentListItem {
  return {
    id: i.id,
    revision: Number(i.revision),
    requestId: i.request_id,
    state: i.state,
    priority: i.priority,
    service: { code: i.service_code, name: i.service_name },
    workGroup: { code: i.work_group_code, name: i.work_group_name },
    assigneeId: i.assignee_id,
    holdReason: i.hold_reason,
    resolution: i.resolution,
    cancelReason: i.cancel_reason,
    narrativeCount: i.narrative_count,
    lastNarrative: i.last_narrative_text !== null && i.last_narrative_at ? { text: i.last_narrative_text, at: i.last_narrative_at.toISOString() } : null,
    client: clientRef(i as unknown as Record<string, unknown>, 'client_'),
    createdAt: i.created_at.toISOString(),
    updatedAt: i.updated_at.toISOString(),
    closedAt: iso(i.closed_at),
    sla: toSla(i),
    access: i.full_access ? 'full' : 'read',
  };
}

export interface NarrativeRow {
  revision: string;
  narrative_id: string;
  text: string;
  author: string;
  at: Date;
}

/** An incident's narrative in stream order (by the bigint revision, not its text form). */
export const NARRATIVE_SQL = `SELECT n.revision::text AS revision, n.narrative_id, n.text, n.author, n.at FROM rm_incident_narrative n WHERE n.incident_id = $1 ORDER BY n.revision`;

export const toNarrativeEntry = (n: NarrativeRow, nameOf: NameOf): NarrativeEntry => ({
  revision: Number(n.revision),
  narrativeId: n.narrative_id,
  text: n.text,
  by: n.author,
  byName: nameOf(n.author),
  at: n.at.toISOString(),
});
