import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import { DomainRuleError, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import { SERVICE_ROUTING } from '../ports/service-routing.port';
import type { ServiceRouting } from '../ports/service-routing.port';
import type { CommandResult } from './command-envelope';
import { EventSourcedRepository } from './event-sourced-repository';
import { EVENT_STORE, ExecuteRequestCommand } from './service-desk.commands';

@CommandHandler(ExecuteRequestCommand)
export class ExecuteRequestCommandHandler implements ICommandHandler<ExecuteRequestCommand, CommandResult> {
  private readonly requests: EventSourcedRepository<
    ExecuteRequestCommand['command'],
    ReturnType<typeof requestDecider.decide>[number],
    typeof requestDecider.initialState
  >;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_ROUTING) private readonly routing: ServiceRouting,
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
  }

  async execute({ requestId, command, envelope, loaded }: ExecuteRequestCommand): Promise<CommandResult> {
    if (command.type === 'EscalateRequest' && !(await this.routing.routeFor(command.serviceCode))) {
      throw new DomainRuleError('unknown-service', `Service ${command.serviceCode} is not in the catalogue.`);
    }
    return this.requests.handle(requestStreamId(requestId), command, envelope, loaded);
  }
}
