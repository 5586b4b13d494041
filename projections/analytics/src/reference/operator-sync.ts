import type { ClickHouseDatabase } from '../clickhouse/clickhouse-database';
import { raw } from '../clickhouse/sql';
import type { ProcessorLogger } from '@switchboard/eventstore/processing';
import { errorMessage } from '@switchboard/kernel';

/** The part of the user directory (Keycloak) the operators table needs. */
export interface OperatorDirectory {
  userById(
    id: string,
  ): Promise<
    { readonly id: string; readonly username: string; readonly firstName: string; readonly lastName: string; readonly groups: readonly string[] } | undefined
  >;
}

const RETRY_AFTER_MS = 60_000;
const CONCURRENCY = 8;

/**
 * Keeps `operators` (user id → Keycloak username, name, departments, work groups) in step with
 * the users the events name, so dashboards can match `${__user.login}` to assignee ids. Not
 * derived from events, so a failure here never holds up the projection: it is retried later.
 */
export class OperatorSync {
  private known: Set<string> | undefined;
  private retryAt = 0;

  constructor(
    private readonly database: ClickHouseDatabase,
    private readonly directory: OperatorDirectory,
    private readonly logger?: ProcessorLogger,
  ) {}

  async sync(userIds: Iterable<string>): Promise<void> {
    try {
      await this.syncOrThrow(userIds);
    } catch (error) {
      this.retryAt = performance.now() + RETRY_AFTER_MS;
      this.logger?.warn(`operators not updated, retrying in ${RETRY_AFTER_MS / 1000} s: ${errorMessage(error)}`);
    }
  }

  private async syncOrThrow(userIds: Iterable<string>): Promise<void> {
    if (performance.now() < this.retryAt) return;
    this.known ??= new Set((await this.database.rows<{ user_id: string }>(raw('SELECT DISTINCT user_id FROM operators'))).map((r) => r.user_id));
    const known = this.known;
    const unknown = [...new Set(userIds)].filter((id) => id && !known.has(id));
    if (unknown.length === 0) return;
    const rows: object[] = [];
    const asked: string[] = [];
    const version = Date.now();
    for (let i = 0; i < unknown.length; i += CONCURRENCY) {
      const users = await Promise.all(unknown.slice(i, i + CONCURRENCY).map((id) => this.directory.userById(id)));
      users.forEach((user, j) => {
        // Not a directory user (the system, a service account): remembered so it is not asked again.
        asked.push(unknown[i + j]);
        if (!user) return;
        rows.push({
          user_id: user.id,
          username: user.username,
          display_name: `${user.firstName} ${user.lastName}`.trim() || user.username,
          departments: groupNames(user.groups, '/departments/'),
          work_groups: groupNames(user.groups, '/work-groups/'),
          version,
        });
      });
    }
    await this.database.insert('operators', rows);
    for (const id of asked) known.add(id);
  }
}

function groupNames(groups: readonly string[], prefix: string): string[] {
  return groups.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));
}
