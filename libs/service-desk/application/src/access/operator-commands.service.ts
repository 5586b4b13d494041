import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import { incidentDecider, incidentStreamId, requestDecider, requestStreamId } from '@switchboard/service-desk/domain';
import type { Incident, IncidentCommand, RequestCommand, ServiceRequest } from '@switchboard/service-desk/domain';
import type { CommandEnvelope, CommandResult } from '../commands/command-envelope';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { EVENT_STORE, ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import { WORK_GROUP_DIRECTORY } from '../ports/work-group-directory.port';
import type { WorkGroupDirectory } from '../ports/work-group-directory.port';
import { incidentAccess, requestAccess } from './access';
import { AccessDeniedError, EntityNotFoundError } from './access-errors';

export interface CurrentState {
  readonly status: string;
  readonly revision: bigint;
}

/**
 * Operators' commands, checked against the role table on the write model's own state before they
 * reach the command bus: an entity the operator may not see is "not found", a read-only one is
 * "access denied".
 */
@Injectable()
export class OperatorCommands {
  private readonly requests: EventSourcedRepository<RequestCommand, ReturnType<typeof requestDecider.decide>[number], typeof requestDecider.initialState>;
  private readonly incidents: EventSourcedRepository<IncidentCommand, ReturnType<typeof incidentDecider.decide>[number], typeof incidentDecider.initialState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(WORK_GROUP_DIRECTORY) private readonly workGroups: WorkGroupDirectory,
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  /** A request registered by an operator (e.g. from a call); only help-desk roles register. */
  async register(principal: Principal, requestId: string, command: Extract<RequestCommand, { type: 'RegisterRequest' }>, envelope: CommandEnvelope): Promise<CommandResult> {
    if (!principal.roles.includes('HelpDeskUser') && !principal.roles.includes('HelpDeskManager')) throw new AccessDeniedError('request', requestId);
    return this.commands.execute(new ExecuteRequestCommand(requestId, command, envelope));
  }

  /** `command` may be built from the request once access is granted (e.g. to link an order of its client). */
  async onRequest(
    principal: Principal,
    requestId: string,
    command: RequestCommand | ((request: ServiceRequest) => Promise<RequestCommand>),
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    const request = await this.loadRequest(requestId);
    const incident = request.activeIncidentId ? await this.loadIncident(request.activeIncidentId) : undefined;
    const access = requestAccess(principal, request, incident, incident ? await this.workGroups.groupOf(incident.workGroupCode) : undefined);
    if (access === 'none') throw new EntityNotFoundError('request', requestId);
    if (access === 'read') throw new AccessDeniedError('request', requestId);
    const built = typeof command === 'function' ? await command(request) : command;
    return this.commands.execute(new ExecuteRequestCommand(requestId, built, envelope));
  }

  async onIncident(principal: Principal, incidentId: string, command: IncidentCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    const incident = await this.loadIncident(incidentId);
    if (!incident) throw new EntityNotFoundError('incident', incidentId);
    const request = await this.loadRequest(incident.requestId).catch(() => undefined);
    const access = incidentAccess(principal, incident, await this.workGroups.groupOf(incident.workGroupCode), request);
    if (access === 'none') throw new EntityNotFoundError('incident', incidentId);
    if (access === 'read') throw new AccessDeniedError('incident', incidentId);
    return this.commands.execute(new ExecuteIncidentCommand(incidentId, command, envelope));
  }

  /** The state a 409 answer shows: what the entity is now, and the revision to retry with. */
  async currentState(entity: 'request' | 'incident', id: string): Promise<CurrentState | undefined> {
    const loaded = entity === 'request' ? await this.requests.load(requestStreamId(id)) : await this.incidents.load(incidentStreamId(id));
    return loaded.state.exists ? { status: loaded.state.status, revision: loaded.revision } : undefined;
  }

  private async loadRequest(requestId: string): Promise<ServiceRequest> {
    const { state } = await this.requests.load(requestStreamId(requestId));
    if (!state.exists) throw new EntityNotFoundError('request', requestId);
    return state;
  }

  private async loadIncident(incidentId: string): Promise<Incident | undefined> {
    const { state } = await this.incidents.load(incidentStreamId(incidentId));
    return state.exists ? state : undefined;
  }
}
