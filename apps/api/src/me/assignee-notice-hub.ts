import type { AssigneeNotice } from '@switchboard/service-desk';

/** Fans assignment notices out to the assignee's event streams connected to this process. */
export class AssigneeNoticeHub {
  private readonly listeners = new Map<string, Set<(notice: AssigneeNotice) => void>>();

  /** Answers the function that unsubscribes. */
  subscribe(userId: string, deliver: (notice: AssigneeNotice) => void): () => void {
    const own = this.listeners.get(userId) ?? new Set();
    own.add(deliver);
    this.listeners.set(userId, own);
    return () => {
      own.delete(deliver);
      if (own.size === 0) this.listeners.delete(userId);
    };
  }

  /** Answers how many streams the notice reached. */
  publish(notice: AssigneeNotice): number {
    const own = this.listeners.get(notice.assigneeId);
    for (const deliver of own ?? []) deliver(notice);
    return own?.size ?? 0;
  }
}
