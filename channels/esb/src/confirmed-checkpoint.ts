import type { CheckpointStore } from '@switchboard/service-desk';

interface Pending {
  readonly position: string;
  done: boolean;
}

/**
 * Moves a checkpoint over events in the order they were read, and only across events whose
 * publish the broker has confirmed: confirms may settle out of order, the checkpoint never skips
 * an unconfirmed event. Saves run one at a time, always with the latest confirmed position.
 */
export class ConfirmedCheckpoint {
  private readonly pending: Pending[] = [];
  private confirmed: string | undefined;
  private saved: string | undefined;
  private saving: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly checkpoints: CheckpointStore,
    private readonly name: string,
  ) {}

  /** Tracks one event read from the store; settle it when its publish is confirmed (or needs none). */
  track(position: string): { settle(): void } {
    const entry: Pending = { position, done: false };
    this.pending.push(entry);
    return {
      settle: () => {
        entry.done = true;
        this.advance();
      },
    };
  }

  /** A publish the broker refused or lost: the connection starts over from the saved checkpoint. */
  fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  /** Why publishing was interrupted, if it was. */
  get error(): Error | undefined {
    return this.failure;
  }

  get unconfirmed(): number {
    return this.pending.length;
  }

  /** Waits until fewer than `limit` publishes are unconfirmed; throws once a publish has failed. */
  async below(limit: number): Promise<void> {
    while (!this.failure && this.pending.length >= limit) await new Promise<void>((resolve) => this.waiters.add(resolve));
    if (this.failure) throw this.failure;
  }

  /** Waits for every tracked publish, at most `timeoutMs`, then for the checkpoint to be saved. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.failure && this.pending.length > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await this.saving;
  }

  private advance(): void {
    let moved = false;
    while (this.pending.length > 0 && this.pending[0].done) {
      this.confirmed = this.pending.shift()?.position;
      moved = true;
    }
    if (!moved) return;
    this.wake();
    if (!this.saving && this.saved !== this.confirmed) this.saving = this.save();
  }

  /** Runs until the saved position catches up; the loop re-reads `confirmed`, so no move is missed. */
  private async save(): Promise<void> {
    try {
      while (this.confirmed !== undefined && this.saved !== this.confirmed) {
        const position = this.confirmed;
        await this.checkpoints.save(this.name, position);
        this.saved = position;
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.saving = undefined;
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      this.waiters.delete(waiter);
      waiter();
    }
  }
}
