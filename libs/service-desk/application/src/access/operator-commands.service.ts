import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import { coversSite, holds, permissionsOf } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import {
  AlreadyTakenError,
  DomainRuleError,
  IllegalTransitionError,
  checkDepartmentMove,
  checkPriorityChange,
  checkIncidentAssignee,
  incidentDecider,
  incidentStreamId,
  incidentTransitions,
  requestDecider,
  requestStreamId,
  requestTransitions,
} from '@switchboard/service-desk/domain';
import type {
  ChannelContact,
  Incident,
  IncidentCommand,
  IncidentState,
  Priority,
  RequestCommand,
  RequestState,
  ServiceRequest,
} from '@switchboard/service-desk/domain';
import type { CommandEnvelope, CommandResult } from '../commands/command-envelope';
import { ConcurrencyConflictError } from '../commands/concurrency-conflict.error';
import { EventSourcedRepository, previousResult } from '../commands/event-sourced-repository';
import type { Loaded } from '../commands/event-sourced-repository';
import { EVENT_STORE, ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import { deterministicUuid } from '../intake/deterministic-uuid';
import { ASSIGNEE_DIRECTORY } from '../ports/assignee-directory.port';
import type { AssigneeDirectory } from '../ports/assignee-directory.port';
import { CONTACT_OWNERS } from '../ports/contact-owners.port';
import { TAKE_NEXT_CLAIMS } from '../ports/take-next-claims.port';
import type { TakeNextClaims } from '../ports/take-next-claims.port';
import type { ContactOwners } from '../ports/contact-owners.port';
import { WORK_GROUP_DIRECTORY } from '../ports/work-group-directory.port';
import type { WorkGroupDirectory } from '../ports/work-group-directory.port';
import { checkAssigneeFor, incidentAccess, mayAssignRequest, mayTakeIncident, mayTakeRequest, requestAccess, worksRequestQueues } from './access';
import type { Access } from './access';
import { AccessDeniedError, EntityNotFoundError, QueueEmptyError } from './access-errors';

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
  /** The estate unit (with its building) or the building (common areas) it is about, and the building's site (slug). */
  readonly unitId?: string;
  readonly buildingId?: string;
  readonly siteSlug?: string;
}

export interface RegisteredRequest extends CommandResult {
  readonly requestId: string;
}

export interface OrderToLink {
  readonly orderId: string;
  readonly orderCode: string;
}

/** The item "take next" took: the request or incident id with the command's result. */
export interface TakenItem extends CommandResult {
  readonly id: string;
}

/** The next ids of a queue in its order, without those already tried (the read model's queue). */
export type QueueCandidates = (exclude: readonly string[]) => Promise<readonly string[]>;

/** Rounds of candidates one "take next" reads (each round skips those tried) before it says the queue is empty. */
const TAKE_NEXT_ROUNDS = 10;

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
    @Inject(TAKE_NEXT_CLAIMS) private readonly claims: TakeNextClaims,
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
    if (!worksRequestQueues(principal)) {
      if (!holds(principal, 'request.register:site')) throw new AccessDeniedError('request', requestId);
      // Site staff (ADR 0032) register for a unit or building of their sites: the site is what makes it theirs.
      if (!coversSite(principal.sites, registration.siteSlug)) {
        throw new DomainRuleError('site-not-yours', 'Register requests for a unit or building of your own sites.');
      }
    }
    const department = registration.department ?? principal.departments[0];
    if (department !== undefined && !principal.departments.includes(department)) {
      throw new DomainRuleError('department-not-yours', `You are not in department ${department}: register requests for your own department.`);
    }
    if (registration.clientId && registration.contact) {
      const owner = await this.contacts.clientOf(registration.contact);
      if (owner !== undefined && owner !== registration.clientId) {
        throw new DomainRuleError(
          'contact-of-another-client',
          `${registration.contact.channel} ${registration.contact.address} belongs to another client than ${registration.clientId}.`,
        );
      }
    }
    const command: RequestCommandOf<'RegisterRequest'> = {
      type: 'RegisterRequest',
      requestId,
      contact: registration.contact ?? { channel: 'operator', address: principal.username },
      subject: registration.subject,
      department,
      clientId: registration.clientId,
      ...(registration.unitId ? { unitId: registration.unitId } : {}),
      ...(registration.buildingId ? { buildingId: registration.buildingId } : {}),
      ...(registration.siteSlug ? { siteSlug: registration.siteSlug } : {}),
      message: registration.text ? { messageId: `operator:${envelope.commandId}`, text: registration.text, receivedAt: now } : undefined,
      // Whoever works their own requests keeps what they register.
      assigneeId: holds(principal, 'request.work:own') ? principal.userId : undefined,
      by: principal.userId,
      now,
    };
    const result: CommandResult = await this.commands.execute(new ExecuteRequestCommand(requestId, command, envelope));
    return { ...result, requestId };
  }

  /**
   * Assigns (or reassigns) a request to a help-desk operator of its department or a technician of
   * its site, given by user id or username; a manager may move it to another department of the
   * directory at the same time.
   */
  assignRequest(
    principal: Principal,
    requestId: string,
    assignment: { assignee: string; department?: string },
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'AssignRequest', async (request) => {
      if (!mayAssignRequest(principal, request)) throw new AccessDeniedError('request', requestId);
      const department = assignment.department ?? request.department;
      if (assignment.department !== undefined && assignment.department !== request.department) {
        checkDepartmentMove(permissionsOf(principal), request.department, assignment.department, await this.people.departmentExists(assignment.department));
      }
      const assignee = checkAssigneeFor(principal, request, assignment.assignee, await this.people.find(assignment.assignee), department);
      return { type: 'AssignRequest', assigneeId: assignee.id, department: assignment.department, by: principal.userId, now };
    });
  }

  /** Links the client `identify` finds or creates (through the customers context). */
  linkClient(principal: Principal, requestId: string, identify: () => Promise<string>, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'LinkClient', async () => ({
      type: 'LinkClient',
      clientId: await identify(),
      by: principal.userId,
      now,
    }));
  }

  /** Links an order of the request's client: `identify` finds or creates it for that client. */
  linkOrder(
    principal: Principal,
    requestId: string,
    identify: (clientId: string) => Promise<OrderToLink>,
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'LinkOrder', async (request) => {
      // Before asking the customers context: an order is only ever found (or made) for a client.
      if (!request.clientId) throw new DomainRuleError('order-needs-client', 'Link the client before linking one of their orders.');
      const order = await identify(request.clientId);
      return { type: 'LinkOrder', orderId: order.orderId, orderCode: order.orderCode, by: principal.userId, now };
    });
  }

  /** A help-desk manager sets the request's priority (P1 most urgent). */
  setRequestPriority(principal: Principal, requestId: string, priority: Priority, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, 'SetRequestPriority', () => {
      checkPriorityChange(permissionsOf(principal), 'request');
      return { type: 'SetRequestPriority', priority, by: principal.userId, now };
    });
  }

  /**
   * The operator claims an unassigned request of their department. Two operators taking the same
   * one both decide on the revision they read; the event store lets only the first append, and
   * the other gets a conflict (or, reading after it, "taken"): both answer 409.
   */
  takeRequest(principal: Principal, requestId: string, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedRequest(
      principal,
      requestId,
      envelope,
      'TakeRequest',
      () => ({ type: 'TakeRequest', by: principal.userId, now }),
      (request, access) => {
        if (mayTakeRequest(principal, request)) return undefined;
        return access === 'none' ? new EntityNotFoundError('request', requestId) : new AccessDeniedError('request', requestId);
      },
    );
  }

  /** Takes the most urgent, then oldest, request of the operator's queue that nobody took first. */
  async takeNextRequest(principal: Principal, candidates: QueueCandidates, envelope: CommandEnvelope, now = new Date()): Promise<TakenItem> {
    return this.takeNext(principal, envelope, 'request', candidates, (id) =>
      this.takeRequest(principal, id, { ...envelope, expectedRevision: undefined }, now),
    );
  }

  /** An L3 manager sets the incident's priority. */
  setIncidentPriority(principal: Principal, incidentId: string, priority: Priority, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedIncident(principal, incidentId, envelope, 'SetIncidentPriority', () => {
      checkPriorityChange(permissionsOf(principal), 'incident');
      return { type: 'SetIncidentPriority', priority, by: principal.userId, now };
    });
  }

  /** An L3 engineer claims an unassigned incident of their work group (races as `takeRequest`). */
  takeIncident(principal: Principal, incidentId: string, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    return this.onLoadedIncident(
      principal,
      incidentId,
      envelope,
      'TakeIncident',
      () => ({ type: 'TakeIncident', by: principal.userId, now }),
      (_, group, access) => {
        if (mayTakeIncident(principal, group)) return undefined;
        return access === 'none' ? new EntityNotFoundError('incident', incidentId) : new AccessDeniedError('incident', incidentId);
      },
    );
  }

  /** Takes the most urgent, then oldest, incident of the engineer's work-group queue that nobody took first. */
  async takeNextIncident(principal: Principal, candidates: QueueCandidates, envelope: CommandEnvelope, now = new Date()): Promise<TakenItem> {
    return this.takeNext(principal, envelope, 'incident', candidates, (id) =>
      this.takeIncident(principal, id, { ...envelope, expectedRevision: undefined }, now),
    );
  }

  /** Any other operator command on a request (reply, escalate, close). */
  onRequest(
    principal: Principal,
    requestId: string,
    command: RequestCommandOf<'SendReply' | 'EscalateRequest' | 'CloseRequest'>,
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.onLoadedRequest(principal, requestId, envelope, command.type, () => command);
  }

  /** Assigns (or reassigns) an incident to an L3 engineer of its work group, given by user id or username. */
  assignIncident(
    principal: Principal,
    incidentId: string,
    assignment: { assignee: string },
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<CommandResult> {
    return this.onLoadedIncident(principal, incidentId, envelope, 'AssignIncident', async (incident) => {
      const assignee = checkIncidentAssignee(
        assignment.assignee,
        await this.people.find(assignment.assignee),
        await this.workGroups.groupOf(incident.workGroupCode),
      );
      return { type: 'AssignIncident', assigneeId: assignee.id, by: principal.userId, now };
    });
  }

  /** Any other operator command on an incident. */
  onIncident(
    principal: Principal,
    incidentId: string,
    command: Exclude<IncidentCommand, IncidentCommandOf<'OpenIncident' | 'AssignIncident' | 'TakeIncident' | 'SetIncidentPriority'>>,
    envelope: CommandEnvelope,
  ): Promise<CommandResult> {
    return this.onLoadedIncident(principal, incidentId, envelope, command.type, () => command);
  }

  /**
   * Walks the queue: a candidate someone else took meanwhile (the read model lags the write model)
   * or took at the same moment is skipped for the next one. A resubmission of the same command
   * (same Idempotency-Key) goes first to the item the first attempt pointed at: the item it took,
   * whose stream answers with the first result, so one command never takes two items.
   */
  private async takeNext(
    principal: Principal,
    envelope: CommandEnvelope,
    entity: 'request' | 'incident',
    candidates: QueueCandidates,
    take: (id: string) => Promise<CommandResult>,
  ): Promise<TakenItem> {
    const lost = (error: unknown) => error instanceof AlreadyTakenError || error instanceof ConcurrencyConflictError || error instanceof IllegalTransitionError;
    const tried: string[] = [];
    const pointed = await this.claims.pointedAt(principal.userId, envelope.commandId);
    if (pointed) {
      tried.push(pointed);
      try {
        return { ...(await take(pointed)), id: pointed };
      } catch (error) {
        if (!lost(error)) throw error;
      }
    }
    for (let round = 0; round < TAKE_NEXT_ROUNDS; round++) {
      const ids = await candidates(tried);
      if (ids.length === 0) break;
      for (const id of ids) {
        tried.push(id);
        await this.claims.point(principal.userId, envelope.commandId, entity, id);
        try {
          return { ...(await take(id)), id };
        } catch (error) {
          if (!lost(error)) throw error;
        }
      }
    }
    throw new QueueEmptyError(entity);
  }

  private async onLoadedRequest<T extends RequestCommand['type']>(
    principal: Principal,
    requestId: string,
    envelope: CommandEnvelope,
    type: T,
    build: (request: ServiceRequest) => RequestCommand | Promise<RequestCommand>,
    /** Instead of the role table's write access (taking from a queue): the refusal, or undefined to go on. */
    authorise?: (request: ServiceRequest, access: Access) => Error | undefined,
  ): Promise<CommandResult> {
    const streamId = requestStreamId(requestId);
    const loaded = await this.requests.load(streamId, envelope.commandId);
    const request = loaded.state;
    if (!request.exists) throw new EntityNotFoundError('request', requestId);
    const incidentId = request.activeIncidentId ?? request.incidentId;
    const incident = incidentId ? await this.loadIncident(incidentId) : undefined;
    const access = requestAccess(principal, request, incident, incident ? await this.workGroups.groupOf(incident.workGroupCode) : undefined);
    if (authorise) {
      const refusal = authorise(request, access);
      if (refusal) throw refusal;
    } else {
      if (access === 'none') throw new EntityNotFoundError('request', requestId);
      if (access === 'read') throw new AccessDeniedError('request', requestId);
    }
    const previous = previousResult(loaded, streamId, envelope);
    if (previous) return previous;
    // The state machine first: a move it refuses answers with the allowed actions, whatever else is wrong.
    // A take is left to the decider, which tells a race lost (taken by someone else) from a wrong move.
    if (!authorise && !requestTransitions[type].includes(request.status))
      throw new IllegalTransitionError('request', type, request.status, requestTransitions[type]);
    return this.commands.execute(new ExecuteRequestCommand(requestId, await build(request), envelope, loaded as Loaded<RequestState>));
  }

  private async onLoadedIncident<T extends IncidentCommand['type']>(
    principal: Principal,
    incidentId: string,
    envelope: CommandEnvelope,
    type: T,
    build: (incident: Incident) => IncidentCommand | Promise<IncidentCommand>,
    authorise?: (incident: Incident, workGroup: string | undefined, access: Access) => Error | undefined,
  ): Promise<CommandResult> {
    const streamId = incidentStreamId(incidentId);
    const loaded = await this.incidents.load(streamId, envelope.commandId);
    const incident = loaded.state;
    if (!incident.exists) throw new EntityNotFoundError('incident', incidentId);
    const request = await this.loadRequest(incident.requestId);
    const workGroup = await this.workGroups.groupOf(incident.workGroupCode);
    const access = incidentAccess(principal, incident, workGroup, request);
    if (authorise) {
      const refusal = authorise(incident, workGroup, access);
      if (refusal) throw refusal;
    } else {
      if (access === 'none') throw new EntityNotFoundError('incident', incidentId);
      if (access === 'read') throw new AccessDeniedError('incident', incidentId);
    }
    const previous = previousResult(loaded, streamId, envelope);
    if (previous) return previous;
    if (!authorise && !incidentTransitions[type].includes(incident.status))
      throw new IllegalTransitionError('incident', type, incident.status, incidentTransitions[type]);
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
