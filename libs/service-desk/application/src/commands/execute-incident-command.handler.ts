import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import { incidentDecider, incidentStreamId } from '@switchboard/service-desk/domain';
import type { CommandResult } from './command-envelope';
import { EventSourcedRepository } from './event-sourced-repository';
import { EVENT_STORE, ExecuteIncidentCommand } from './service-desk.commands';

@CommandHandler(ExecuteIncidentCommand)
export class ExecuteIncidentCommandHandler implements ICommandHandler<ExecuteIncidentCommand, CommandResult> {
  private readonly incidents: EventSourcedRepository<
    ExecuteIncidentCommand['command'],
    ReturnType<typeof incidentDecider.decide>[number],
    typeof incidentDecider.initialState
  >;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  execute({ incidentId, command, envelope, loaded }: ExecuteIncidentCommand): Promise<CommandResult> {
    return this.incidents.handle(incidentStreamId(incidentId), command, envelope, loaded);
  }
}
