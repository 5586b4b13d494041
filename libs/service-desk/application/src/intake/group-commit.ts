export interface GroupCommitOptions<Item, Result> {
  /** Most items one batch takes. */
  readonly maxBatch: number;
  /** Batches running at once; items arriving meanwhile queue up and leave together as the next one. */
  readonly maxInFlight: number;
  /** Items with the same key keep their order: never two batches in flight with the same key. */
  keyOf(item: Item): string;
  /** Stores a batch; one settled result per item, in order. */
  run(items: readonly Item[]): Promise<PromiseSettledResult<Result>[]>;
}

interface Queued<Item, Result> {
  readonly item: Item;
  readonly key: string;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Group commit: a lone item leaves at once (no added latency when quiet); items that arrive while
 * batches are running wait and leave together as one batch, so under load many items share one
 * transaction and one commit. Per key, items are handed over in arrival order and a key is in at
 * most one running batch (a batch may hold several items of one key, in order).
 */
export class GroupCommit<Item, Result> {
  private queue: Queued<Item, Result>[] = [];
  private inFlight = 0;
  private readonly busyKeys = new Map<string, number>();

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) throw new RangeError('GroupCommit needs maxBatch and maxInFlight of at least 1');
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, key: this.options.keyOf(item), resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a batch (for metrics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight += 1;
      for (const queued of batch) this.busyKeys.set(queued.key, (this.busyKeys.get(queued.key) ?? 0) + 1);
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        for (const queued of batch) {
          const left = (this.busyKeys.get(queued.key) ?? 1) - 1;
          if (left === 0) this.busyKeys.delete(queued.key);
          else this.busyKeys.set(queued.key, left);
        }
        this.pump();
      });
    }
  }

  private takeBatch(): Queued<Item, Result>[] {
    const batch: Queued<Item, Result>[] = [];
    const rest: Queued<Item, Result>[] = [];
    // A key held back once stays held back for the rest of this pass, so its items keep their order.
    const heldBack = new Set<string>();
    for (const queued of this.queue) {
      if (batch.length < this.options.maxBatch && !this.busyKeys.has(queued.key) && !heldBack.has(queued.key)) batch.push(queued);
      else {
        heldBack.add(queued.key);
        rest.push(queued);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: readonly Queued<Item, Result>[]): Promise<void> {
    let settled: PromiseSettledResult<Result>[];
    try {
      settled = await this.options.run(batch.map((q) => q.item));
      if (settled.length !== batch.length) throw new Error(`a batch of ${batch.length} came back with ${settled.length} results`);
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = settled[i];
      if (outcome.status === 'fulfilled') queued.resolve(outcome.value);
      else queued.reject(outcome.reason);
    });
  }
}
