import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@switchboard/eventstore';
import { IllegalTransitionError, isIncidentEvent, isProblemEvent } from '@switchboard/service-desk/domain';
import { ExecuteProblemCommand } from '../commands/service-desk.commands';
import { deterministicUuid } from '../intake/deterministic-uuid';
import type { ProblemDetectionLedger, ProblemThreshold } from '../problems/problem-detection.ports';
import type { ProcessManager } from './process-manager';

const BY = 'system:problem-detection';

/**
 * A mass incident opens a problem by itself: when `incidents` incidents of one service open within
 * `windowMinutes`, a problem for the service is opened and they are linked to it; while it is open
 * every new incident of the service links to it (a problem a manager opened by hand too). The
 * problem's id derives from the event that crossed the threshold and the ledger answers "as of"
 * each event's position, so a replay decides the same and never opens a second problem.
 */
export class ProblemDetectionProcessManager implements ProcessManager {
  readonly name = 'problem-detection';
  readonly filter = { eventTypes: ['IncidentOpened', 'ProblemOpened', 'ProblemClosed'] };

  constructor(
    private readonly commands: CommandBus,
    private readonly ledger: ProblemDetectionLedger,
    private readonly thresholdFor: (serviceCode: number) => Promise<ProblemThreshold>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (isProblemEvent(event, 'ProblemOpened')) return this.ledger.recordProblemOpened(event.data.problemId, event.data.serviceCode, event.position);
    if (isProblemEvent(event, 'ProblemClosed')) return this.ledger.recordProblemClosed(event.data.problemId, event.position);
    if (!isIncidentEvent(event, 'IncidentOpened')) return;
    const { incidentId, serviceCode, at } = event.data;
    const openedAt = new Date(at);
    await this.ledger.recordIncident({ incidentId, serviceCode, openedAt, position: event.position });
    const envelope = (step: string) => ({
      commandId: `${this.name}:${step}:${event.id}`,
      origin: 'system' as const,
      causationId: event.id,
      correlationId: incidentId,
    });

    const open = await this.ledger.openProblemAt(serviceCode, event.position);
    if (open) {
      try {
        await this.commands.execute(
          new ExecuteProblemCommand(open, { type: 'LinkIncidentsToProblem', incidentIds: [incidentId], by: BY, now: this.clock() }, envelope('link')),
        );
      } catch (error) {
        // Closed since (this process manager lagged behind the manager who closed it): the incident is worked on its own.
        if (!(error instanceof IllegalTransitionError)) throw error;
      }
      return;
    }
    const threshold = await this.thresholdFor(serviceCode);
    const incidentIds = await this.ledger.incidentsInWindow(serviceCode, new Date(openedAt.getTime() - threshold.windowMinutes * 60_000), event.position);
    if (incidentIds.length < threshold.incidents) return;
    const problemId = deterministicUuid(`${this.name}:${event.id}`);
    const title = `Mass incident: ${incidentIds.length} incidents of service ${serviceCode} within ${threshold.windowMinutes} min`;
    await this.commands.execute(
      new ExecuteProblemCommand(
        problemId,
        { type: 'OpenProblem', problemId, serviceCode, title, origin: 'automatic', by: BY, now: this.clock() },
        envelope('open'),
      ),
    );
    await this.commands.execute(
      new ExecuteProblemCommand(problemId, { type: 'LinkIncidentsToProblem', incidentIds, by: BY, now: this.clock() }, envelope('link')),
    );
    // Only once both commands stood: a retry after a failure above takes this same path again.
    await this.ledger.recordProblemOpened(problemId, serviceCode, event.position);
  }
}
