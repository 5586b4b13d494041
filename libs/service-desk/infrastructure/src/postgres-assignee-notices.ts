import type { Pool } from 'pg';
import type { AssigneeNotice, AssigneeNotices } from '@switchboard/service-desk';

/** The NOTIFY channel assignment notices travel on (as screen-pops do, ADR 0010). */
export const ASSIGNEE_NOTICES_CHANNEL = 'switchboard_assignee_notices';

/** Notices over PostgreSQL NOTIFY: every API process listens and hands them to the assignee's streams. */
export class PostgresAssigneeNotices implements AssigneeNotices {
  constructor(private readonly pool: Pool) {}

  async publish(notice: AssigneeNotice): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [ASSIGNEE_NOTICES_CHANNEL, JSON.stringify(notice)]);
  }
}
