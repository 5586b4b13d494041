/** One row of a manager's team board: open work per assignee and how long the oldest has waited. */
export interface AssigneeLoad {
  /** null: not assigned to anyone yet. */
  readonly assigneeId: string | null;
  readonly open: number;
  /** Milliseconds since the oldest open item was created. */
  readonly oldestAgeMs: number;
  readonly oldestId: string;
}

interface OpenItem {
  readonly id: string;
  readonly assigneeId: string | null;
  readonly createdAt: string;
}

/**
 * Team load from the open items of the list queries (interim: a read-model aggregate can replace
 * it). Unassigned first, then the busiest assignee, ties by the oldest item.
 */
export function teamLoad(items: readonly OpenItem[], now: number): AssigneeLoad[] {
  const byAssignee = new Map<string | null, { open: number; oldest: number; oldestId: string }>();
  for (const item of items) {
    const created = Date.parse(item.createdAt);
    const entry = byAssignee.get(item.assigneeId);
    if (!entry) byAssignee.set(item.assigneeId, { open: 1, oldest: created, oldestId: item.id });
    else {
      entry.open += 1;
      if (created < entry.oldest) Object.assign(entry, { oldest: created, oldestId: item.id });
    }
  }
  return [...byAssignee.entries()]
    .map(([assigneeId, e]) => ({ assigneeId, open: e.open, oldestAgeMs: Math.max(0, now - e.oldest), oldestId: e.oldestId }))
    .sort((a, b) => (a.assigneeId === null ? -1 : b.assigneeId === null ? 1 : b.open - a.open || b.oldestAgeMs - a.oldestAgeMs));
}
