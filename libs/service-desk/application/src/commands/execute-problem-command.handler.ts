import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import { problemDecider, problemStreamId } from '@switchboard/service-desk/domain';
import type { ProblemCommand, ProblemEvent, ProblemState } from '@switchboard/service-desk/domain';
import type { CommandResult } from './command-envelope';
import { EventSourcedRepository } from './event-sourced-repository';
import { EVENT_STORE, ExecuteProblemCommand } from './service-desk.commands';

@CommandHandler(ExecuteProblemCommand)
export class ExecuteProblemCommandHandler implements ICommandHandler<ExecuteProblemCommand, CommandResult> {
  private readonly problems: EventSourcedRepository<ProblemCommand, ProblemEvent, ProblemState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.problems = new EventSourcedRepository(store, problemDecider);
  }

  execute({ problemId, command, envelope, loaded }: ExecuteProblemCommand): Promise<CommandResult> {
    return this.problems.handle(problemStreamId(problemId), command, envelope, loaded);
  }
}
