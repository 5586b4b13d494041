import type { IncidentCommand, IncidentState, ProblemCommand, ProblemState, RequestCommand, RequestState } from '@switchboard/service-desk/domain';
import type { CommandEnvelope } from './command-envelope';
import type { Loaded } from './event-sourced-repository';

/** A request command on its way through the @nestjs/cqrs command bus. */
export class ExecuteRequestCommand {
  constructor(
    readonly requestId: string,
    readonly command: RequestCommand,
    readonly envelope: CommandEnvelope,
    /** The stream as the sender read it for this command (access check): not read a second time. */
    readonly loaded?: Loaded<RequestState>,
  ) {}
}

export class ExecuteIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly command: IncidentCommand,
    readonly envelope: CommandEnvelope,
    readonly loaded?: Loaded<IncidentState>,
  ) {}
}

/** A problem (mass incident) command on its way through the command bus. */
export class ExecuteProblemCommand {
  constructor(
    readonly problemId: string,
    readonly command: ProblemCommand,
    readonly envelope: CommandEnvelope,
    readonly loaded?: Loaded<ProblemState>,
  ) {}
}

export const EVENT_STORE = Symbol('EventStore');
