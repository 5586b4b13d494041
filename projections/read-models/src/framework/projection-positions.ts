import type { Pool } from 'pg';
import { readCheckpoints } from './checkpoint-table';
import { comparePositions, isPosition } from '@switchboard/eventstore';

export interface WaitForOptions {
  /** Default 2 000 ms. */
  readonly timeoutMs?: number;
  /** The projections the caller reads; default every projection this instance was made with. */
  readonly projections?: readonly string[];
}

export class InvalidPositionError extends Error {
  constructor(readonly position: string) {
    super(`'${position}' is not an event store position`);
    this.name = 'InvalidPositionError';
  }
}

/**
 * Read-your-writes: a command answers with the position it produced; a query given that position
 * as `minPosition` first waits (bounded) until the projections it reads have passed it. Waiters
 * share one poll of the checkpoint table; positions only move forward, so a position once seen passed
 * stays passed and is answered from memory.
 */
export class ProjectionPositions {
  private readonly known = new Map<string, string>();
  private polling: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly projections: readonly string[],
    private readonly pollMs = 10,
  ) {}

  /** True once every projection has passed `position`; false when `timeoutMs` ran out first. */
  async waitFor(position: string, options: WaitForOptions = {}): Promise<boolean> {
    if (!isPosition(position)) throw new InvalidPositionError(position);
    const names = options.projections ?? this.projections;
    const deadline = performance.now() + (options.timeoutMs ?? 2_000);
    for (;;) {
      if (this.passed(names, position)) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await this.poll();
      if (this.passed(names, position)) return true;
      const wait = Math.min(this.pollMs, deadline - performance.now());
      if (wait <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Each projection's checkpoint as stored now. */
  async current(): Promise<Map<string, string | undefined>> {
    await this.poll();
    return new Map(this.projections.map((p) => [p, this.known.get(p)]));
  }

  /** Called by an in-process runner after a commit, so waiters here need not wait for a poll. */
  committed(projection: string, position: string): void {
    this.remember(projection, position);
  }

  private passed(names: readonly string[], position: string): boolean {
    return names.every((name) => {
      const at = this.known.get(name);
      return at !== undefined && comparePositions(at, position) >= 0;
    });
  }

  private poll(): Promise<void> {
    this.polling ??= readCheckpoints(this.pool, this.projections)
      .then((rows) => {
        for (const row of rows) if (row.position !== undefined) this.remember(row.projection, row.position);
      })
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  private remember(projection: string, position: string): void {
    const at = this.known.get(projection);
    if (at === undefined || comparePositions(at, position) < 0) this.known.set(projection, position);
  }
}
