import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '@switchboard/eventstore';
import {
  incidentDecider,
  incidentStreamId,
  isProblemEvent,
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
import { EventSourcedRepository } from '../commands/event-sourced-repository';
import { ExecuteIncidentCommand, ExecuteRequestCommand } from '../commands/service-desk.commands';
import type { ProcessManager } from './process-manager';

const BY = 'system:problem-closure';

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}

/**
 * Closing a problem ends what it collected: every linked incident is resolved with the problem's
 * resolution and closed (the incident-closure process manager then closes its request and tells
 * the client), and every linked request that is still open is closed and its client told once, on
 * their channel, through the outbox. The request of an escalated linked request ends through its
 * incident. Every command's id derives from the ProblemClosed event and the notice's id from the
 * problem, so a replay appends nothing and sends nothing twice.
 */
export class ProblemClosureProcessManager implements ProcessManager {
  readonly name = 'problem-closure';
  readonly filter = { eventTypes: ['ProblemClosed'] };
  private readonly problems: EventSourcedRepository<ProblemCommand, ProblemEvent, ProblemState>;
  private readonly requests: EventSourcedRepository<RequestCommand, RequestEvent, RequestState>;
  private readonly incidents: EventSourcedRepository<IncidentCommand, IncidentEvent, IncidentState>;

  constructor(
    private readonly commands: CommandBus,
    store: EventStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly concurrency = 8,
  ) {
    this.problems = new EventSourcedRepository(store, problemDecider);
    this.requests = new EventSourcedRepository(store, requestDecider);
    this.incidents = new EventSourcedRepository(store, incidentDecider);
  }

  async handle(event: RecordedEvent): Promise<void> {
    if (!isProblemEvent(event, 'ProblemClosed')) return;
    const { problemId, resolution } = event.data;
    const { state: problem } = await this.problems.load(problemStreamId(problemId));
    if (!problem.exists) return;
    const envelope = (step: string, correlationId: string) => ({
      commandId: `${this.name}:${step}:${event.id}`,
      origin: 'system' as const,
      causationId: event.id,
      correlationId,
    });

    const requests: { id: string; state: RequestState }[] = [];
    await eachLimited([...problem.requestIds], this.concurrency, async (id) => {
      requests.push({ id, state: (await this.requests.load(requestStreamId(id))).state });
    });
    const incidentIds = new Set(problem.incidentIds);
    for (const { state } of requests) if (state.exists && state.status === 'ESCALATED' && state.activeIncidentId) incidentIds.add(state.activeIncidentId);

    await eachLimited([...incidentIds], this.concurrency, async (incidentId) => {
      const { state } = await this.incidents.load(incidentStreamId(incidentId));
      if (!state.exists || state.status === 'CLOSED' || state.status === 'CANCELLED') return;
      if (state.status !== 'RESOLVED') {
        await this.commands.execute(
          new ExecuteIncidentCommand(
            incidentId,
            { type: 'ResolveIncidentForProblem', problemId, resolution, by: BY, now: this.clock() },
            envelope('resolve', state.requestId),
          ),
        );
      }
      await this.commands.execute(
        new ExecuteIncidentCommand(incidentId, { type: 'CloseIncident', by: BY, now: this.clock() }, envelope('close', state.requestId)),
      );
    });

    await eachLimited(requests, this.concurrency, async ({ id, state }) => {
      if (!state.exists) return;
      const open = state.status === 'NEW' || state.status === 'IN_PROGRESS';
      // Closed by someone else before the problem closed: its client heard then. Escalated: its incident ends it.
      if (!open && state.closedForProblemId !== problemId) return;
      if (open) {
        await this.commands.execute(
          new ExecuteRequestCommand(id, { type: 'CloseRequestForProblem', problemId, by: BY, now: this.clock() }, envelope('close', id)),
        );
      }
      const text = `Your request ${id.slice(0, 8)} is closed: the problem you reported has been fixed. Thank you for your patience; if it persists, just write to us again.`;
      await this.commands.execute(
        new ExecuteRequestCommand(
          id,
          { type: 'NotifyClient', notificationId: `${this.name}:${problemId}`, text, by: BY, now: this.clock() },
          envelope('notify-client', id),
        ),
      );
    });
  }
}
