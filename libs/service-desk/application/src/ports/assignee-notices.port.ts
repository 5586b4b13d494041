/** "This was assigned to you": a moment's news for the assignee's open consoles. */
export interface AssigneeNotice {
  readonly kind: 'request' | 'incident';
  readonly id: string;
  readonly assigneeId: string;
  /** Who assigned it. */
  readonly by: string;
  /** ISO-8601. */
  readonly at: string;
  /** The assignment event's id: a notice repeated by a replay is recognisable. */
  readonly eventId: string;
  /** Absent: assigned to them; `sla-breached`: an item they manage breached its SLA (`assigneeId` is the manager). */
  readonly reason?: 'sla-breached';
}

/** Carries notices to whichever process serves the assignee's event stream (`/me/events`). */
export interface AssigneeNotices {
  publish(notice: AssigneeNotice): Promise<void>;
}

export const ASSIGNEE_NOTICES = Symbol('AssigneeNotices');
