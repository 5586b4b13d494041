import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import type { Principal } from '@switchboard/identity/domain';
import {
  DomainRuleError,
  IllegalTransitionError,
  checkDepartmentMove,
  checkIncidentAssignee,
  checkRequestAssignee,
  incidentDecider,
  incidentStreamId,
  incidentTransitions,
  requestDecider,
  requestStreamId,
  requestTransitions,
} from '@switchboard/service-desk/domain';
import type { ChannelContact, Incident, IncidentCommand, IncidentState, RequestCommand, RequestState, ServiceRequest } from '@switchboard/service-desk/domain';
import type { CommandEnvelope, CommandResult } from '../commands/command-envelope';
import { EventSourcedRepository, previousResult } from '../commands/event-sourced-repository';
import type { Loaded } from '../commands/event-sourced-repository';
import { EVENT_STORE, ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import { deterministicUuid } from '../intake/deterministic-uuid';
import { ASSIGNEE_DIRECTORY } from '../ports/assignee-directory.port';
import type { AssigneeDirectory } from '../ports/assignee-directory.port';
import { CONTACT_OWNERS } from '../ports/contact-owners.port';
import type { ContactOwners } from '../ports/contact-owners.port';
import { WORK_GROUP_DIRECTORY } from '../ports/work-group-directory.port';
import type { WorkGroupDirectory } from '../ports/work-group-directory.port';
import { incidentAccess, requestAccess } from './access';
import { AccessDeniedError, EntityNotFoundError } from './access-errors';

/** What an operator gives to register a request (e.g. from a call). */
export interface RequestRegistration {
  readonly subject: string;
  /** The first message, in the operator's words. */
  readonly text?: string;
  /** Default: the operator's (first) department. */
  readonly department?: string;
  readonly clientId?: string;
  /** Default: the operator themself (channel `operator`). */
  readonly contact?: ChannelContact;
}

export interface RegisteredRequest extends CommandResult {
  readonly requestId: string;
}

export interface OrderToLink {
  readonly orderId: string;
  readonly orderCode: string;
}

type RequestCommandOf<T extends RequestCommand['type']> = Extract<RequestCommand, { type: T }>;
type IncidentCommandOf<T extends IncidentCommand['type']> = Extract<IncidentCommand, { type: T }>;

/**
 * The service desk as operators use it: commands in, results out. Every command is checked against
 * the role table on the write model's own state (an entity the operator may not see is "not
 * found", a read-only one is "access denied") and against the business rules that need more than
 * the stream (the user directory, the customers), then decided on that same loaded state: one
 * command reads its stream once.
 */
@Injectable()
export class OperatorCommands {
  private readonly requests: EventSourcedRepository<RequestCommand, ReturnType<typeof requestDecider.decide>[number], RequestState>;
  private readonly incidents: EventSourcedRepository<IncidentCommand, ReturnType<typeof incidentDecider.decide>[number], IncidentState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(WORK_GROUP_DIRECTORY) private readonly workGroups: WorkGroupDirectory,
    @Inject(ASSIGNEE_DIRECTORY) private readonly people: AssigneeDirectory,
    @Inject(CONTACT_OWNERS) private readonly contacts: ContactOwners,
  ) {
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  /**
   * A request an operator registers, in their own department; a HelpDeskUser takes it at once.
   * Its id derives from the operator and the command id, so a resubmission finds it again.
   */
  async register(principal: Principal, registration: RequestRegistration, envelope: CommandEnvelope, now = new Date()): Promise<RegisteredRequest> {
    const requestId = deterministicUuid(`operator-request:${principal.userId}:${envelope.commandId}`);
    if (!principal.roles.includes('HelpDeskUser') && !principal.roles.includes('HelpDeskManager')) throw new AccessDeniedError('request', requestId);
    const department = registration.department ?? principal.departments[0];
    if (department !== undefined && !principal.departments.includes(department)) {
      throw new DomainRuleError('department-not-yours', `You are not in department ${department}: register requests for your own department.`);
    }
    if (registration.clientId && registration.contact) {
      const owner = await this.contacts.clientOf(registration.contact);
      if (owner !== undefined && owner !== registration.clientId) {
        throw new DomainRuleError('contact-of-another-client', `${registration.contact.channel} ${registration.contact.address} belongs to another client than ${registration.clientId}.`);
      }
    }
    const command: RequestCommandOf<'RegisterRequest'> = {
      type: 'RegisterRequest',
      requestId,
      contact: registration.contact ?? { channel: 'operator', address: principal.username },
      subject: registration.subject,
      department,
      clientId: registration.clientId,
      message: registration.text ? { messageId: `operator:${envelope.commandId}`, text: registration.text, receivedAt: now } : undefined,
      assigneeId: principal.roles.includes('HelpDeskUser') ? principal.userId : undefined,
      by: principal.userId,
      now,
    };
    const result: CommandResult = await this.commands.execute(new ExecuteRequestCommand(requestId, command, envelope));
    return { ...result, requestId };
  }

  /**
   * Assigns (or reassigns) a request to a help-desk operator of its department, given by user id
   * or username; a manager may move it to another department of the directory at the same time.
   */
  assignRequest(principal: Principal, requestId: string, assignment: { assignee: string; department?: string }, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'AssignRequest', async (request) => {
      const department = assignment.department ?? request.department;
      if (assignment.department !== undefined && assignment.department !== request.department) {
        checkDepartmentMove(principal.roles, request.department, assignment.department, await this.people.departmentExists(assignment.department));
      }
      const assignee = checkRequestAssignee(assignment.assignee, await this.people.find(assignment.assignee), department);
      return { type: 'AssignRequest', assigneeId: assignee.id, department: assignment.department, by: principal.userId, now };
    });
  }

  /** Links the client `identify` finds or creates (through the customers context). */
  linkClient(principal: Principal, requestId: string, identify: () => Promise<string>, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'LinkClient', async () => ({ type: 'LinkClient', clientId: await identify(), by: principal.userId, now }));
  }

  /** Links an order of the request's client: `identify` finds or creates it for that client. */
  linkOrder(principal: Principal, requestId: string, identify: (clientId: string) => Promise<OrderToLink>, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'LinkOrder', async (request) => {
      // Before asking the customers context: an order is only ever found (or made) for a client.
      if (!request.clientId) throw new DomainRuleError('order-needs-client', 'Link the client before linking one of their orders.');
      const order = await identify(request.clientId);
      return { type: 'LinkOrder', orderId: order.orderId, orderCode: order.orderCode, by: principal.userId, now };
    });
  }

  /** Any other operator command on a request (reply, escalate, close). */
  onRequest(principal: Principal, requestId: string, command: RequestCommandOf<'SendReply' | 'EscalateRequest' | 'CloseRequest'>, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, command.type, () => command);
  }

  /** Assigns (or reassigns) an incident to an L3 engineer of its work group, given by user id or username. */
  assignIncident(principal: Principal, incidentId: string, assignment: { assignee: string }, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedIncident(principal, incidentId, envelope, 'AssignIncident', async (incident) => {
      const assignee = checkIncidentAssignee(assignment.assignee, await this.people.find(assignment.assignee), await this.workGroups.groupOf(incident.workGroupCode));
      return { type: 'AssignIncident', assigneeId: assignee.id, by: principal.userId, now };
    });
  }

  /** Any other operator command on an incident. */
  onIncident(principal: Principal, incidentId: string, command: Exclude<IncidentCommand, IncidentCommandOf<'OpenIncident' | 'AssignIncident'>>, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.onLoadedIncident(principal, incidentId, envelope, command.type, () => command);
  }

  private async onLoadedRequest<T extends RequestCommand['type']>(
    principal: Principal,
    requestId: string,
    envelope: CommandEnvelope,
    type: T,
    build: (request: ServiceRequest) => RequestCommand | Promise<RequestCommand>,
  ): Promise<CommandResult> {
    const streamId = requestStreamId(requestId);
    const loaded = await this.requests.load(streamId, envelope.commandId);
    const request = loaded.state;
    if (!request.exists) throw new EntityNotFoundError('request', requestId);
    const incidentId = request.activeIncidentId ?? request.incidentId;
    const incident = incidentId ? await this.loadIncident(incidentId) : undefined;
    const access = requestAccess(principal, request, incident, incident ? await this.workGroups.groupOf(incident.workGroupCode) : undefined);
    if (access === 'none') throw new EntityNotFoundError('request', requestId);
    if (access === 'read') throw new AccessDeniedError('request', requestId);
    const previous = previousResult(loaded, streamId, envelope);
    if (previous) return previous;
    // The state machine first: a move it refuses answers with the allowed actions, whatever else is wrong.
    if (!requestTransitions[type].includes(request.status)) throw new IllegalTransitionError('request', type, request.status, requestTransitions[type]);
    return this.commands.execute(new ExecuteRequestCommand(requestId, await build(request), envelope, loaded as Loaded<RequestState>));
  }

  private async onLoadedIncident<T extends IncidentCommand['type']>(
    principal: Principal,
    incidentId: string,
    envelope: CommandEnvelope,
    type: T,
    build: (incident: Incident) => IncidentCommand | Promise<IncidentCommand>,
  ): Promise<CommandResult> {
    const streamId = incidentStreamId(incidentId);
    const loaded = await this.incidents.load(streamId, envelope.commandId);
    const incident = loaded.state;
    if (!incident.exists) throw new EntityNotFoundError('incident', incidentId);
    const request = await this.loadRequest(incident.requestId);
    const access = incidentAccess(principal, incident, await this.workGroups.groupOf(incident.workGroupCode), request);
    if (access === 'none') throw new EntityNotFoundError('incident', incidentId);
    if (access === 'read') throw new AccessDeniedError('incident', incidentId);
    const previous = previousResult(loaded, streamId, envelope);
    if (previous) return previous;
    if (!incidentTransitions[type].includes(incident.status)) throw new IllegalTransitionError('incident', type, incident.status, incidentTransitions[type]);
    return this.commands.execute(new ExecuteIncidentCommand(incidentId, await build(incident), envelope, loaded as Loaded<IncidentState>));
  }

  private async loadRequest(requestId: string): Promise<ServiceRequest | undefined> {
    const { state } = await this.requests.load(requestStreamId(requestId));
    return state.exists ? state : undefined;
  }

  private async loadIncident(incidentId: string): Promise<Incident | undefined> {
    const { state } = await this.incidents.load(incidentStreamId(incidentId));
    return state.exists ? state : undefined;
  }
}
