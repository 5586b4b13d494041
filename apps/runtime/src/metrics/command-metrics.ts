import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit, Provider } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MetricsRegistry } from '@switchboard/platform';
import { WrongExpectedVersionError } from '@switchboard/eventstore';
import { ConcurrencyConflictError } from '@switchboard/service-desk';
import { DomainRuleError, IllegalTransitionError } from '@switchboard/service-desk/domain';

export type CommandOutcome = 'accepted' | 'unchanged' | 'rejected' | 'conflict' | 'failed';

/** Where command outcomes go: `SwitchboardMetrics.of(metrics)` (it bounds the labels). */
export interface CommandOutcomeRecorder {
  commandExecuted(command: string, outcome: CommandOutcome): void;
}

export const COMMAND_OUTCOME_RECORDER = Symbol('CommandOutcomeRecorder');

/** The command type a bus message carries: the domain command's `type` inside the envelope, else its class. */
export function commandName(message: object): string {
  const inner = (message as { command?: { type?: unknown } }).command;
  if (inner && typeof inner.type === 'string') return inner.type;
  return message.constructor.name;
}

export function succeededOutcome(result: unknown): CommandOutcome {
  const appended = (result as { appended?: unknown } | null | undefined)?.appended;
  return appended === false ? 'unchanged' : 'accepted';
}

export function failedOutcome(error: unknown): CommandOutcome {
  if (error instanceof DomainRuleError || error instanceof IllegalTransitionError) return 'rejected';
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedVersionError) return 'conflict';
  return 'failed';
}

/** Counts every command the bus executes by type and outcome, around whichever handler runs it. */
export function meterCommandBus(bus: CommandBus, recorder: CommandOutcomeRecorder): void {
  const execute = bus.execute.bind(bus) as (command: object, ...rest: unknown[]) => Promise<unknown>;
  const metered = async (command: object, ...rest: unknown[]): Promise<unknown> => {
    try {
      const result = await execute(command, ...rest);
      recorder.commandExecuted(commandName(command), succeededOutcome(result));
      return result;
    } catch (error) {
      recorder.commandExecuted(commandName(command), failedOutcome(error));
      throw error;
    }
  };
  // The bus is @nestjs/cqrs's; wrapping its one method meters every handler without touching them.
  Object.assign(bus, { execute: metered });
}

/** Meters the command bus once the module is up. */
@Injectable()
export class CommandMetrics implements OnModuleInit {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(COMMAND_OUTCOME_RECORDER) private readonly recorder: CommandOutcomeRecorder,
  ) {}

  onModuleInit(): void {
    meterCommandBus(this.bus, this.recorder);
  }
}

/**
 * For the providers of the module that imports CqrsModule (ServiceDeskModule):
 * `...commandMetricsProviders((metrics) => SwitchboardMetrics.of(metrics))`.
 */
export function commandMetricsProviders(recorder: (metrics: MetricsRegistry) => CommandOutcomeRecorder): Provider[] {
  return [{ provide: COMMAND_OUTCOME_RECORDER, useFactory: recorder, inject: [MetricsRegistry] }, CommandMetrics];
}
