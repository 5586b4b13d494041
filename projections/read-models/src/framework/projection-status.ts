import type { Pool } from 'pg';
import { readCheckpoints } from './checkpoint-table';
import type { EventBacklog } from '@switchboard/eventstore/processing';
import type { Projection } from './projection';

export interface RebuildStatus {
  readonly version: number;
  readonly position: string | undefined;
  readonly eventsApplied: number;
  readonly startedAt: Date;
  readonly updatedAt: Date;
}

/** One projection as stored: where it is, how far behind, and any rebuild under way. */
export interface ProjectionStatus {
  readonly projection: string;
  /** The version this code builds. */
  readonly codeVersion: number;
  /** The version the live tables were built by; undefined before the projection first ran. */
  readonly version: number | undefined;
  readonly position: string | undefined;
  readonly eventsApplied: number;
  readonly updatedAt: Date | undefined;
  /** Events in the store after the checkpoint that this projection reads (at most the cap). */
  readonly lagEvents: number;
  readonly lagCapped: boolean;
  /** Age of the oldest event not applied yet; 0 when caught up. */
  readonly lagSeconds: number;
  readonly rebuild: RebuildStatus | undefined;
}

interface RebuildRow {
  projection: string;
  version: number;
  position: string | null;
  events_applied: string;
  started_at: Date;
  updated_at: Date;
}

export class ProjectionStatusReader {
  constructor(
    private readonly pool: Pool,
    private readonly projections: readonly Projection[],
    private readonly backlog: EventBacklog,
    private readonly lagCap = 1_000_000,
  ) {}

  async status(now: Date = new Date()): Promise<ProjectionStatus[]> {
    const names = this.projections.map((p) => p.name);
    const [checkpoints, rebuilds] = await Promise.all([
      readCheckpoints(this.pool, names),
      this.pool.query<RebuildRow>(
        `SELECT projection, version, position, events_applied::text AS events_applied, started_at, updated_at
           FROM rm_rebuilds WHERE projection = ANY($1::text[])`,
        [names],
      ),
    ]);
    return Promise.all(
      this.projections.map(async (projection): Promise<ProjectionStatus> => {
        const checkpoint = checkpoints.find((c) => c.projection === projection.name);
        const rebuild = rebuilds.rows.find((r) => r.projection === projection.name);
        const lag = await this.backlog.after(checkpoint?.position, projection.filter, this.lagCap);
        return {
          projection: projection.name,
          codeVersion: projection.version,
          version: checkpoint?.version,
          position: checkpoint?.position,
          eventsApplied: checkpoint?.eventsApplied ?? 0,
          updatedAt: checkpoint?.updatedAt,
          lagEvents: lag.events,
          lagCapped: lag.capped,
          lagSeconds: lag.oldestAt ? Math.max(0, (now.getTime() - lag.oldestAt.getTime()) / 1000) : 0,
          rebuild: rebuild && {
            version: rebuild.version,
            position: rebuild.position ?? undefined,
            eventsApplied: Number(rebuild.events_applied),
            startedAt: rebuild.started_at,
            updatedAt: rebuild.updated_at,
          },
        };
      }),
    );
  }
}
