import type { EventStore } from '@switchboard/eventstore';
import type { Pool } from 'pg';
import { errorMessage, silentLogger } from './apply-events';
import type { ProjectionLogger } from './apply-events';
import { readCheckpoint } from './checkpoint-table';
import type { EventBacklog } from './event-backlog';
import type { Projection } from './projection';
import { ProjectionRebuilder, RebuildInProgressError } from './projection-rebuild';
import { ProjectionRunner } from './projection-runner';
import type { ProjectionRunnerOptions, ProjectionRunnerState } from './projection-runner';

export type ProjectionDaemonState = ProjectionRunnerState | 'rebuilding' | 'waiting';

export interface ProjectionHealth {
  readonly projection: string;
  readonly state: ProjectionDaemonState;
  readonly error: string | undefined;
}

export interface ProjectionDaemonOptions {
  readonly pool: Pool;
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  readonly backlog?: EventBacklog;
  readonly logger?: ProjectionLogger;
  readonly runner?: Omit<ProjectionRunnerOptions, 'logger'>;
  /** How often a projection waiting for someone else's rebuild looks again. Default 5 s. */
  readonly retryMs?: number;
}

interface Slot {
  readonly projection: Projection;
  state: ProjectionDaemonState;
  error: string | undefined;
  runner: ProjectionRunner | undefined;
  starting: Promise<void> | undefined;
}

/**
 * Runs every projection: one at its stored version runs live; one stored at an older version is
 * rebuilt beside the old tables first (they keep answering, frozen) and goes live after the swap;
 * one stored at a newer version is left alone (newer code owns it).
 */
export class ProjectionDaemon {
  private readonly slots: Slot[];
  private readonly logger: ProjectionLogger;
  private readonly rebuilder: ProjectionRebuilder;
  private readonly stopping = new AbortController();

  constructor(private readonly options: ProjectionDaemonOptions) {
    this.logger = options.logger ?? silentLogger;
    this.slots = options.projections.map((projection) => ({ projection, state: 'idle', error: undefined, runner: undefined, starting: undefined }));
    this.rebuilder = new ProjectionRebuilder(options.pool, options.store, { backlog: options.backlog, logger: this.logger });
  }

  /** Returns once every projection is running or, when it needs a rebuild, rebuilding in the background. */
  async start(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        const ready = await this.prepare(slot);
        if (ready === 'live') await this.goLive(slot);
        else if (ready === 'rebuild') {
          slot.state = 'rebuilding';
          slot.starting = this.rebuildThenGoLive(slot);
        }
      }),
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.slots.map((s) => s.starting?.catch(() => undefined)));
    await Promise.all(this.slots.map((s) => s.runner?.stop()));
  }

  health(): ProjectionHealth[] {
    return this.slots.map((slot) => {
      const state = slot.runner ? slot.runner.state : slot.state;
      return { projection: slot.projection.name, state, error: slot.runner?.lastError ?? slot.error };
    });
  }

  private async prepare(slot: Slot): Promise<'live' | 'rebuild' | 'superseded'> {
    const { name, version } = slot.projection;
    const stored = await readCheckpoint(this.options.pool, name);
    if (!stored || stored.version === version) return 'live';
    if (stored.version < version) return 'rebuild';
    slot.state = 'superseded';
    slot.error = `${name} is stored at version ${stored.version}, newer than this code's ${version}; not running it`;
    this.logger.error(slot.error);
    return 'superseded';
  }

  private async goLive(slot: Slot): Promise<void> {
    const runner = new ProjectionRunner(this.options.pool, this.options.store, slot.projection, { ...this.options.runner, logger: this.logger });
    await runner.start();
    slot.runner = runner;
  }

  private async rebuildThenGoLive(slot: Slot): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const ready = await this.prepare(slot);
        if (ready === 'superseded') return;
        if (ready === 'rebuild') {
          slot.state = 'rebuilding';
          await this.rebuilder.rebuild(slot.projection, { signal });
        }
        if (signal.aborted) return;
        await this.goLive(slot);
        slot.error = undefined;
        return;
      } catch (error) {
        if (signal.aborted) return;
        // Someone else (the CLI, another projector) is rebuilding it: wait for their swap.
        slot.state = error instanceof RebuildInProgressError ? 'waiting' : 'failing';
        slot.error = errorMessage(error);
        if (slot.state === 'failing') this.logger.error(`rebuilding ${slot.projection.name} failed, retrying: ${slot.error}`);
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, this.options.retryMs ?? 5_000);
          signal.addEventListener('abort', done, { once: true });
        });
      }
    }
  }
}
