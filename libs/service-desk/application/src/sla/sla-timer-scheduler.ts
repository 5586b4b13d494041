import type { CommandBus } from '@nestjs/cqrs';
import { ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { SlaTimer, SlaTimers } from './sla-timers.port';

export interface SlaTimerSchedulerOptions {
  /** How often due timers are looked for. */
  readonly pollMs: number;
  /** Timers fired per round. */
  readonly batch: number;
}

/**
 * Fires due SLA timers as commands (`Record…SlaMark`). The command id is derived from the timer
 * (item, target, mark, due time), and the decider records a mark once: a timer fired twice (a crash
 * after the command, before its row was deleted; two processes) changes nothing the second time.
 */
export class SlaTimerScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly timers: SlaTimers,
    private readonly commands: CommandBus,
    private readonly options: SlaTimerSchedulerOptions,
    private readonly clock: () => Date = () => new Date(),
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One round: fires what is due now; answers how many fired. */
  async tick(): Promise<number> {
    return this.timers.fireDue(this.clock(), this.options.batch, (timer) => this.fire(timer));
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => {
          this.onError(error);
          return 0;
        })
        .then((fired) => this.schedule(fired >= this.options.batch ? 0 : this.options.pollMs));
    }, delay);
  }

  private async fire(timer: SlaTimer): Promise<void> {
    const by = 'system:sla-timers';
    const now = this.clock();
    const envelope = {
      commandId: `sla-timer:${timer.kind}:${timer.entityId}:${timer.target}:${timer.mark}:${timer.dueAt}`,
      origin: 'system' as const,
      correlationId: timer.entityId,
    };
    const mark = { mark: timer.mark, target: timer.target, dueAt: timer.dueAt, escalate: timer.escalate, by, now };
    if (timer.kind === 'request') await this.commands.execute(new ExecuteRequestCommand(timer.entityId, { type: 'RecordRequestSlaMark', ...mark }, envelope));
    else await this.commands.execute(new ExecuteIncidentCommand(timer.entityId, { type: 'RecordIncidentSlaMark', ...mark }, envelope));
  }
}
