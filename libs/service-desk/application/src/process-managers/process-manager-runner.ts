import { Logger } from '@nestjs/common';
import type { EventStore, Subscription } from '@switchboard/eventstore';
import type { CheckpointStore } from '../ports/checkpoint-store.port';
import type { ProcessManager } from './process-manager';

const MAX_ATTEMPTS = 5;

/**
 * Runs each process manager on its own subscription from its saved checkpoint. The checkpoint
 * moves only after the event is fully handled, so a crash replays (never skips) an event, and the
 * managers' idempotence makes the replay harmless.
 */
export class ProcessManagerRunner {
  private readonly logger = new Logger('process-managers');
  private readonly running: { subscription: Subscription; done: Promise<void> }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly managers: readonly ProcessManager[],
    private readonly retryDelayMs = 200,
  ) {}

  async start(): Promise<void> {
    for (const manager of this.managers) {
      const from = await this.checkpoints.load(manager.name);
      const subscription = this.store.subscribeToAll({ from, filter: manager.filter });
      this.running.push({ subscription, done: this.consume(manager, subscription) });
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.map((r) => r.subscription.stop()));
    await Promise.all(this.running.map((r) => r.done));
    this.running.length = 0;
  }

  private async consume(manager: ProcessManager, subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        for (let attempt = 1; ; attempt++) {
          try {
            await manager.handle(event);
            break;
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            if (attempt >= MAX_ATTEMPTS) {
              // Parked, loudly: one poisoned event must not stop every later request's process.
              this.logger.error(`${manager.name} gave up on ${event.type} ${event.id} (${event.streamId}) after ${attempt} attempts: ${reason}`);
              break;
            }
            this.logger.warn(`${manager.name} failed on ${event.type} ${event.id} (attempt ${attempt}): ${reason}`);
            await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
          }
        }
        await this.checkpoints.save(manager.name, event.position);
      }
    } catch (error) {
      this.logger.error(`${manager.name} subscription ended: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
