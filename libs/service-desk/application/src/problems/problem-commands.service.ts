import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@switchboard/eventstore';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import {
  DomainRuleError,
  incidentDecider,
  incidentStreamId,
  problemDecider,
  problemStreamId,
  requestDecider,
  requestStreamId,
} from '@switchboard/service-desk/domain';
import type {
  IncidentCommand,
  IncidentEvent,
  IncidentState,
  ProblemCommand,
  ProblemEvent,
  ProblemState,
  RequestCommand,
  RequestEvent,
  RequestState,
} from '@switchboard/service-desk/domain';
import { AccessDeniedError, EntityNotFoundError } from '../access/access-errors';
import type { CommandEnvelope, CommandResult } from '../commands/command-envelope';
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { EVENT_STORE, ExecuteProblemCommand } from '../commands/service-desk.commands';
import { deterministicUuid } from '../intake/deterministic-uuid';
import { SERVICE_ROUTING } from '../ports/service-routing.port';
import type { ServiceRouting } from '../ports/service-routing.port';
import { PROBLEM_THRESHOLD_STORE } from './problem-detection.ports';
import type { ProblemThreshold, ProblemThresholdStore, ServiceProblemThreshold } from './problem-detection.ports';

export interface OpenedProblem extends CommandResult {
  readonly problemId: string;
}

type Distribute<C> = C extends { type: string } ? Omit<C, 'by' | 'now'> : never;

/**
 * Problems as managers run them: open one by hand, link incidents and open requests in bulk,
 * resolve, close; and the per-service thresholds that open one automatically. Only the managers of
 * the help desk and of L3 (who see the whole outage) may; everyone else is refused (403).
 */
@Injectable()
export class ProblemCommands {
  private readonly problems: EventSourcedRepository<ProblemCommand, ProblemEvent, ProblemState>;
  private readonly requests: EventSourcedRepository<RequestCommand, RequestEvent, RequestState>;
  private readonly incidents: EventSourcedRepository<IncidentCommand, IncidentEvent, IncidentState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(SERVICE_ROUTING) private readonly routing: ServiceRouting,
    @Inject(PROBLEM_THRESHOLD_STORE) private readonly thresholds: ProblemThresholdStore,
  ) {
    this.problems = new EventSourcedRepository(store, problemDecider);
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  /** Its id derives from the manager and the command id: a resubmission finds the same problem. */
  async open(principal: Principal, input: { serviceCode: number; title: string }, envelope: CommandEnvelope, now = new Date()): Promise<OpenedProblem> {
    const problemId = deterministicUuid(`manual-problem:${principal.userId}:${envelope.commandId}`);
    this.mustManage(principal, problemId);
    if (!(await this.routing.routeFor(input.serviceCode))) {
      throw new DomainRuleError('unknown-service', `Service ${input.serviceCode} is not in the catalogue.`);
    }
    const result: CommandResult = await this.commands.execute(
      new ExecuteProblemCommand(
        problemId,
        { type: 'OpenProblem', problemId, serviceCode: input.serviceCode, title: input.title, origin: 'manual', by: principal.userId, now },
        envelope,
      ),
    );
    return { ...result, problemId };
  }

  /** Links incidents (that exist and are not closed or cancelled). */
  async linkIncidents(
    principal: Principal,
    problemId: string,
    incidentIds: readonly string[],
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<CommandResult> {
    this.mustManage(principal, problemId);
    const states = await this.loadAll(incidentIds, (id) => this.incidents.load(incidentStreamId(id)));
    const missing = incidentIds.filter((_, i) => !states[i].exists);
    if (missing.length > 0) throw new DomainRuleError('unknown-incident', `No incident ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`);
    const ended = incidentIds.filter((_, i) => {
      const s = states[i];
      return s.exists && (s.status === 'CLOSED' || s.status === 'CANCELLED');
    });
    if (ended.length > 0) throw new DomainRuleError('incident-ended', `Incident ${ended.slice(0, 5).join(', ')} is closed or cancelled already.`);
    return this.onProblem(principal, problemId, envelope, now, { type: 'LinkIncidentsToProblem', incidentIds });
  }

  /** Links open requests in bulk (a queue's selected rows): reports of the outage that need no incident of their own. */
  async linkRequests(
    principal: Principal,
    problemId: string,
    requestIds: readonly string[],
    envelope: CommandEnvelope,
    now = new Date(),
  ): Promise<CommandResult> {
    this.mustManage(principal, problemId);
    const states = await this.loadAll(requestIds, (id) => this.requests.load(requestStreamId(id)));
    const missing = requestIds.filter((_, i) => !states[i].exists);
    if (missing.length > 0) throw new DomainRuleError('unknown-request', `No request ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`);
    const closed = requestIds.filter((_, i) => {
      const s = states[i];
      return s.exists && s.status === 'CLOSED';
    });
    if (closed.length > 0) throw new DomainRuleError('request-closed', `Request ${closed.slice(0, 5).join(', ')} is closed already: link open requests only.`);
    return this.onProblem(principal, problemId, envelope, now, { type: 'LinkRequestsToProblem', requestIds });
  }

  resolve(principal: Principal, problemId: string, resolution: string, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    this.mustManage(principal, problemId);
    return this.onProblem(principal, problemId, envelope, now, { type: 'ResolveProblem', resolution });
  }

  /** Closing ends every linked incident and request (the problem-closure process manager). */
  close(principal: Principal, problemId: string, resolution: string | undefined, envelope: CommandEnvelope, now = new Date()): Promise<CommandResult> {
    this.mustManage(principal, problemId);
    return this.onProblem(principal, problemId, envelope, now, { type: 'CloseProblem', resolution });
  }

  /** Per-service thresholds (managers only to change; anyone who may read problems may read them). */
  listThresholds(): Promise<ServiceProblemThreshold[]> {
    return this.thresholds.list();
  }

  async setThreshold(principal: Principal, serviceCode: number, threshold: ProblemThreshold, now = new Date()): Promise<ServiceProblemThreshold> {
    this.mustManage(principal, `threshold-${serviceCode}`);
    if (!(await this.routing.routeFor(serviceCode))) throw new DomainRuleError('unknown-service', `Service ${serviceCode} is not in the catalogue.`);
    return this.thresholds.set(serviceCode, threshold, principal.userId, now);
  }

  async removeThreshold(principal: Principal, serviceCode: number): Promise<boolean> {
    this.mustManage(principal, `threshold-${serviceCode}`);
    return this.thresholds.remove(serviceCode);
  }

  private mustManage(principal: Principal, id: string): void {
    if (!holds(principal, 'problem.manage')) throw new AccessDeniedError('problem', id);
  }

  private async onProblem(
    principal: Principal,
    problemId: string,
    envelope: CommandEnvelope,
    now: Date,
    command: Distribute<ProblemCommand>,
  ): Promise<CommandResult> {
    const loaded = await this.problems.load(problemStreamId(problemId), envelope.commandId);
    if (!loaded.state.exists) throw new EntityNotFoundError('problem', problemId);
    return this.commands.execute(new ExecuteProblemCommand(problemId, { ...command, by: principal.userId, now } as ProblemCommand, envelope, loaded));
  }

  private async loadAll<S>(ids: readonly string[], load: (id: string) => Promise<{ state: S }>): Promise<S[]> {
    const states: S[] = new Array<S>(ids.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(16, ids.length) }, async () => {
        while (next < ids.length) {
          const i = next++;
          states[i] = (await load(ids[i])).state;
        }
      }),
    );
    return states;
  }
}
