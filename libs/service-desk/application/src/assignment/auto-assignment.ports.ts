import type { AssignedBy, AutoAssignmentSettings } from '@switchboard/service-desk/domain';

/** Whose queue automatic assignment serves: a help-desk department's requests, or a work group's incidents. */
export type AssignmentScope = { readonly kind: 'department'; readonly key: string } | { readonly kind: 'work-group'; readonly key: string };

export type QueueItemKind = 'request' | 'incident';

export interface StoredAutoAssignmentSettings extends AutoAssignmentSettings {
  readonly scope: AssignmentScope;
  /** 0 until first saved (automatic assignment off); the If-Match of a change. */
  readonly version: number;
  readonly updatedBy?: string;
  readonly updatedAt?: string;
}

/** What automatic assignment decided for one item: kept, so a replay issues the same command and moves no cursor. */
export interface AssignmentDecision {
  readonly assigneeId: string;
  readonly assignedBy: AssignedBy;
}

/** Settings of each scope, versioned, with a change log (like the routing rules, ADR 0019). */
export interface AutoAssignmentSettingsStore {
  get(scope: AssignmentScope): Promise<StoredAutoAssignmentSettings>;
  list(scopes: readonly AssignmentScope[]): Promise<StoredAutoAssignmentSettings[]>;
  /** Saves under the scope's row lock; `check` sees the current settings first and may refuse (stale version). */
  save(
    scope: AssignmentScope,
    settings: AutoAssignmentSettings,
    by: string,
    check: (current: StoredAutoAssignmentSettings) => void,
  ): Promise<StoredAutoAssignmentSettings>;
}

/**
 * The assignment process manager's own durable state: its decisions, each scope's round-robin
 * cursor, and the open items per assignee it keeps from the events (not the read models, which
 * lag: a burst of registrations would all see the same counts).
 */
export interface AutoAssignmentLedger {
  /** `key`: the item's id, or the key of one reopening of it. */
  decisionFor(kind: QueueItemKind, key: string): Promise<AssignmentDecision | undefined>;
  cursorOf(scope: AssignmentScope): Promise<string | undefined>;
  openItemsOf(kind: QueueItemKind, assigneeIds: readonly string[]): Promise<Map<string, number>>;
  /** In one transaction: the decision, the cursor moved to the assignee, the item counted as theirs. */
  recordDecision(kind: QueueItemKind, key: string, scope: AssignmentScope, decision: AssignmentDecision, at: Date, itemId: string): Promise<void>;
  /**
   * An item as its events left it: its scope, service, assignee, and whether it is still open
   * (absolute values, so a replay is harmless). Answers its scope key ('' when unknown).
   */
  trackItem(kind: QueueItemKind, itemId: string, change: ItemChange): Promise<string>;
  /** Open unassigned items of a scope as the events left them, oldest first (candidates: each is checked on the write model). */
  queuedIn(kind: QueueItemKind, scopeKey: string, limit: number): Promise<QueuedItem[]>;
}

export interface ItemChange {
  readonly scopeKey?: string;
  readonly serviceCode?: number;
  readonly assigneeId?: string;
  readonly open?: boolean;
}

export interface QueuedItem {
  readonly itemId: string;
  readonly serviceCode?: number;
}

/** Operators' presence as automatic assignment reads it. */
export interface PresenceReader {
  /** Of these users, those available now (set available and, with an idle timeout, active recently). */
  availableAmong(userIds: readonly string[], now: Date): Promise<Set<string>>;
}

/** Who works a queue: the department's help-desk operators, the work group's L3 engineers (user ids). */
export interface AssignmentTeams {
  operatorsOf(department: string): Promise<string[]>;
  engineersOf(workGroupCode: number): Promise<string[]>;
  /** The departments a user is a HelpDeskUser of and the work groups they are an SL3User of. */
  scopesOf(userId: string): Promise<AssignmentScope[]>;
}

/** Stream and event of a person becoming available: the process manager hands out what waits in their queues. */
export const presenceStreamId = (userId: string): string => `operator-presence-${userId}`;
export const OPERATOR_BECAME_AVAILABLE = 'OperatorBecameAvailable';
export interface OperatorBecameAvailable {
  readonly userId: string;
  readonly by: string;
  readonly at: string;
}

/** Whether an item is still in its queue (unassigned, NEW), as the write model says now. */
export interface QueuedItems {
  isQueued(kind: QueueItemKind, itemId: string): Promise<boolean>;
  /** The department of a queued request; undefined when it is not queued (or has no department). */
  queuedRequestDepartment(requestId: string): Promise<string | undefined>;
}

export const AUTO_ASSIGNMENT_SETTINGS_STORE = Symbol('AutoAssignmentSettingsStore');
export const PRESENCE_STORE = Symbol('PresenceStore');

export type PresenceStatus = 'available' | 'away';

export interface OperatorPresence {
  readonly userId: string;
  readonly status: PresenceStatus;
  /** When the status last changed. */
  readonly since: string;
  /** The console's last report of activity (or the last change). */
  readonly lastSeenAt: string;
}

/** Presence, durable, every change logged (who, why: set by the operator or turned away when idle). */
export interface PresenceStore extends PresenceReader {
  get(userId: string): Promise<OperatorPresence | undefined>;
  of(userIds: readonly string[]): Promise<Map<string, OperatorPresence>>;
  set(userId: string, status: PresenceStatus, by: string, now: Date): Promise<OperatorPresence>;
  /** Activity in the console: the operator is not idle. */
  heartbeat(userId: string, now: Date): Promise<void>;
  /** Sets away, logged as `idle`, every available operator not seen since `before`; answers who. */
  expireIdle(before: Date, now: Date): Promise<string[]>;
}
export const ASSIGNMENT_TEAMS = Symbol('AssignmentTeams');
export const AUTO_ASSIGNMENT_LEDGER = Symbol('AutoAssignmentLedger');
