import { Controller, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { QueueQueries } from '@switchboard/read-models';
import { OperatorCommands } from '@switchboard/service-desk';
import { accepted, acceptedAnswer } from '../http/accepted';
import type { Accepted } from '../http/accepted';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { setPriorityBody, takeBody } from './queue-command.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;

/** Candidates "take next" reads per round from the queue (more only when all of them were taken meanwhile). */
const TAKE_NEXT_BATCH = 10;

/** The queues: take an unassigned item, take the next one, and the priority that orders them. */
@ApiTags('queues')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: true,
  description: 'Client-generated command id; resubmitting it with the same body is idempotent, with another body it is refused (422).',
})
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision the operator saw (ETag); a stale one answers 409.' })
@Problems(400, 401, 403, 404, 409, 413, 422, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller()
export class QueueCommandsController {
  constructor(
    @Inject(OperatorCommands) private readonly operators: OperatorCommands,
    @Inject(QueueQueries) private readonly queues: QueueQueries,
  ) {}

  @Post('requests/take-next')
  @HttpCode(202)
  @Operation(
    'takeNextRequest',
    'Take the most urgent, then oldest, unassigned request of your departments; one someone else takes first is skipped. 404 when there is none.',
  )
  @Responds(202, acceptedAnswer, 'Taken; `id` is the request.')
  async takeNextRequest(
    @CurrentPrincipal() p: Principal,
    @Headers() h: HeaderBag,
    @ZodBody(takeBody) input: z.output<typeof takeBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: 'requests.take-next', input });
    const taken = await this.operators.takeNextRequest(p, (exclude) => this.queues.nextRequests(p, TAKE_NEXT_BATCH, exclude), envelope);
    return accepted(res, taken.id, taken);
  }

  @Post('requests/:id/take')
  @HttpCode(202)
  @Operation('takeRequest', 'Take (claim) an unassigned request of your department; 409 when someone else took it first.')
  @Responds(202, acceptedAnswer, 'Taken: assigned to you.')
  async takeRequest(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(takeBody) input: z.output<typeof takeBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `requests.take:${id}`, input });
    return accepted(res, id, await this.operators.takeRequest(p, id, envelope));
  }

  @Post('requests/:id/priority')
  @HttpCode(202)
  @Operation('setRequestPriority', 'Set the request’s priority (help-desk managers of its department).')
  @Responds(202, acceptedAnswer, 'Set.')
  async setRequestPriority(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(setPriorityBody) input: z.output<typeof setPriorityBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `requests.priority:${id}`, input });
    return accepted(res, id, await this.operators.setRequestPriority(p, id, input.priority, envelope));
  }

  @Post('incidents/take-next')
  @HttpCode(202)
  @Operation(
    'takeNextIncident',
    'Take the most urgent, then oldest, unassigned incident of your work groups; one someone else takes first is skipped. 404 when there is none.',
  )
  @Responds(202, acceptedAnswer, 'Taken; `id` is the incident.')
  async takeNextIncident(
    @CurrentPrincipal() p: Principal,
    @Headers() h: HeaderBag,
    @ZodBody(takeBody) input: z.output<typeof takeBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: 'incidents.take-next', input });
    const taken = await this.operators.takeNextIncident(p, (exclude) => this.queues.nextIncidents(p, TAKE_NEXT_BATCH, exclude), envelope);
    return accepted(res, taken.id, taken);
  }

  @Post('incidents/:id/take')
  @HttpCode(202)
  @Operation('takeIncident', 'Take (claim) an unassigned incident of your work group; 409 when someone else took it first.')
  @Responds(202, acceptedAnswer, 'Taken: assigned to you.')
  async takeIncident(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(takeBody) input: z.output<typeof takeBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `incidents.take:${id}`, input });
    return accepted(res, id, await this.operators.takeIncident(p, id, envelope));
  }

  @Post('incidents/:id/priority')
  @HttpCode(202)
  @Operation('setIncidentPriority', 'Set the incident’s priority (L3 managers of its work group).')
  @Responds(202, acceptedAnswer, 'Set.')
  async setIncidentPriority(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(setPriorityBody) input: z.output<typeof setPriorityBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `incidents.priority:${id}`, input });
    return accepted(res, id, await this.operators.setIncidentPriority(p, id, input.priority, envelope));
  }
}
