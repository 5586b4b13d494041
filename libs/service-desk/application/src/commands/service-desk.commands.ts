import type { IncidentCommand, RequestCommand } from '@switchboard/service-desk/domain';
import type { CommandEnvelope } from './command-envelope';

/** A request command on its way through the @nestjs/cqrs command bus. */
export class ExecuteRequestCommand {
  constructor(
    readonly requestId: string,
    readonly command: RequestCommand,
    readonly envelope: CommandEnvelope,
  ) {}
}

export class ExecuteIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly command: IncidentCommand,
    readonly envelope: CommandEnvelope,
  ) {}
}

export const EVENT_STORE = Symbol('EventStore');
