import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@switchboard/eventstore';
import { isRequestEvent } from '@switchboard/service-desk/domain';
import { ExecuteIncidentCommand } from '../commands/service-desk.commands';
import type { ServiceRouting } from '../ports/service-routing.port';
import type { ProcessManager } from './process-manager';

/** Escalating a request opens its incident for the chosen service, routed to the service's work group. */
export class EscalationProcessManager implements ProcessManager {
  readonly name = 'escalation';
  readonly filter = { eventTypes: ['RequestEscalated'] };

  constructor(
    private readonly commands: CommandBus,
    private readonly routing: ServiceRouting,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (!isRequestEvent(event, 'RequestEscalated')) return;
    const escalated = event.data;
    const route = await this.routing.routeFor(escalated.serviceCode);
    if (!route) throw new Error(`service ${escalated.serviceCode} has left the catalogue; cannot route incident ${escalated.incidentId}`);
    await this.commands.execute(
      new ExecuteIncidentCommand(
        escalated.incidentId,
        {
          type: 'OpenIncident',
          incidentId: escalated.incidentId,
          requestId: escalated.requestId,
          serviceCode: escalated.serviceCode,
          workGroupCode: route.workGroupCode,
          priority: escalated.priority,
          by: 'system:escalation',
          now: this.clock(),
        },
        { commandId: `escalation:${event.id}`, origin: 'system', causationId: event.id, correlationId: escalated.requestId },
      ),
    );
  }
}
