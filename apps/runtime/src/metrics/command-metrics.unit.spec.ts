import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CommandHandler, CqrsModule } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { MetricsRegistry } from '@switchboard/platform';
import { ConcurrencyConflictError, ExecuteRequestCommand } from '@switchboard/service-desk';
import { DomainRuleError, IllegalTransitionError } from '@switchboard/service-desk/domain';
import { commandMetricsProviders, commandName, meterCommandBus } from './command-metrics';
import type { CommandOutcome } from './command-metrics';

const assign = new ExecuteRequestCommand(
  '7c1e0000-0000-4000-8000-000000000001',
  { type: 'AssignRequest', assigneeId: 'u1', by: 'u1', now: new Date() },
  { commandId: 'c1', origin: 'user' },
);

function bus(outcome: () => Promise<unknown>): { bus: CommandBus; recorded: Array<[string, CommandOutcome]> } {
  const recorded: Array<[string, CommandOutcome]> = [];
  const fake = { execute: outcome } as unknown as CommandBus;
  meterCommandBus(fake, { commandExecuted: (command, result) => recorded.push([command, result]) });
  return { bus: fake, recorded };
}

describe('command metrics', () => {
  it('names a service-desk command by its domain type, never by anything carrying an id', () => {
    expect(commandName(assign)).toBe('AssignRequest');
    expect(commandName(new (class ImportReferenceData {})())).toBe('ImportReferenceData');
  });

  it('counts a command that appended as accepted and one that changed nothing as unchanged', async () => {
    const appended = bus(async () => ({ appended: true }));
    const noop = bus(async () => ({ appended: false }));
    await appended.bus.execute(assign);
    await noop.bus.execute(assign);
    expect([...appended.recorded, ...noop.recorded]).toEqual([
      ['AssignRequest', 'accepted'],
      ['AssignRequest', 'unchanged'],
    ]);
  });

  it('counts a refusal by the rules as rejected, a lost race as conflict, anything else as failed, and rethrows', async () => {
    const errors = [
      new IllegalTransitionError('request', 'AssignRequest', 'CLOSED', ['NEW']),
      new DomainRuleError('x', 'no'),
      new ConcurrencyConflictError('request-1', 1n, 2n),
      new Error('database down'),
    ];
    const recorded: CommandOutcome[] = [];
    for (const error of errors) {
      const metered = bus(() => Promise.reject(error));
      await expect(metered.bus.execute(assign)).rejects.toBe(error);
      recorded.push(...metered.recorded.map(([, outcome]) => outcome));
    }
    expect(recorded).toEqual(['rejected', 'rejected', 'conflict', 'failed']);
  });
});

describe('command metrics in a Nest app', () => {
  it('meters the real @nestjs/cqrs command bus through the providers it offers', async () => {
    @CommandHandler(ExecuteRequestCommand)
    class AppendingHandler implements ICommandHandler<ExecuteRequestCommand> {
      async execute(): Promise<{ appended: boolean }> {
        return { appended: true };
      }
    }
    const recorded: Array<[string, CommandOutcome]> = [];
    @Module({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: MetricsRegistry, useValue: new MetricsRegistry('test') },
        AppendingHandler,
        ...commandMetricsProviders(() => ({ commandExecuted: (c, o) => void recorded.push([c, o]) })),
      ],
    })
    class App {}
    const app = await NestFactory.createApplicationContext(App, { logger: false });
    await app.init();
    await app.get(CommandBus).execute(assign);
    await app.close();
    expect(recorded).toEqual([['AssignRequest', 'accepted']]);
  });
});
