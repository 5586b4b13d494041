import { Controller, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { OperatorCommands, deterministicUuid } from '@switchboard/service-desk';
import type { CommandEnvelope } from '@switchboard/service-desk';
import { accepted, acceptedAnswer } from '../http/accepted';
import type { Accepted } from '../http/accepted';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { assignIncidentBody, emptyBody, holdBody, narrativeBody, reopenBody, resolveBody, unlinkBody } from './incident-command.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;
type OnIncident = Parameters<OperatorCommands['onIncident']>[2];

@ApiTags('incidents')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: true,
  description: 'Client-generated command id; resubmitting it with the same body is idempotent, with another body it is refused (422).',
})
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision the operator saw (ETag); a stale one answers 409.' })
@Problems(400, 401, 403, 404, 409, 413, 422, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('incidents')
export class IncidentCommandsController {
  constructor(@Inject(OperatorCommands) private readonly operators: OperatorCommands) {}

  private async run(
    principal: Principal,
    id: string,
    headers: HeaderBag,
    res: Response,
    action: string,
    input: unknown,
    build: (envelope: CommandEnvelope) => OnIncident,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: `incidents.${action}:${id}`, input });
    return accepted(res, id, await this.operators.onIncident(principal, id, build(envelope), envelope));
  }

  @Post(':id/assign')
  @HttpCode(202)
  @Operation('assignIncident', 'Assign (or reassign) the incident to an L3 engineer of its work group, by user id or username.')
  @Responds(202, acceptedAnswer, 'Assigned.')
  async assign(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(assignIncidentBody) input: z.output<typeof assignIncidentBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(h, { action: `incidents.assign:${id}`, input });
    return accepted(res, id, await this.operators.assignIncident(p, id, { assignee: input.assigneeId }, envelope));
  }

  @Post(':id/start')
  @HttpCode(202)
  @Operation('startIncident', 'Start work; on a NEW incident whoever starts it takes it.')
  @Responds(202, acceptedAnswer, 'In work.')
  start(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(emptyBody) input: z.output<typeof emptyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'start', input, () => ({ type: 'StartIncident', by: p.userId, now: new Date() }));
  }

  @Post(':id/hold')
  @HttpCode(202)
  @Operation('putIncidentOnHold', 'Put the incident on hold, with the reason.')
  @Responds(202, acceptedAnswer, 'On hold.')
  hold(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(holdBody) input: z.output<typeof holdBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'hold', input, () => ({ type: 'PutIncidentOnHold', reason: input.reason, by: p.userId, now: new Date() }));
  }

  @Post(':id/resume')
  @HttpCode(202)
  @Operation('resumeIncident', 'Resume work on an incident on hold.')
  @Responds(202, acceptedAnswer, 'In work again.')
  resume(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(emptyBody) input: z.output<typeof emptyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'resume', input, () => ({ type: 'ResumeIncident', by: p.userId, now: new Date() }));
  }

  @Post(':id/narrative')
  @HttpCode(202)
  @Operation('addNarrative', 'Record the business process as a narrative entry.')
  @Responds(202, acceptedAnswer, 'Recorded.')
  narrative(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(narrativeBody) input: z.output<typeof narrativeBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'narrative', input, (envelope) => ({
      type: 'AddNarrative',
      narrativeId: deterministicUuid(`narrative:${id}:${envelope.commandId}`),
      text: input.text,
      by: p.userId,
      now: new Date(),
    }));
  }

  @Post(':id/resolve')
  @HttpCode(202)
  @Operation('resolveIncident', 'Resolve the incident with its resolution.')
  @Responds(202, acceptedAnswer, 'Resolved.')
  resolve(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(resolveBody) input: z.output<typeof resolveBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'resolve', input, () => ({ type: 'ResolveIncident', resolution: input.resolution, by: p.userId, now: new Date() }));
  }

  @Post(':id/reopen')
  @HttpCode(202)
  @Operation('reopenIncident', 'Back to work from RESOLVED when the client says the problem persists, with what they said.')
  @Responds(202, acceptedAnswer, 'In work again.')
  reopen(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(reopenBody) input: z.output<typeof reopenBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'reopen', input, () => ({ type: 'ReopenIncident', reason: input.reason, by: p.userId, now: new Date() }));
  }

  @Post(':id/close')
  @HttpCode(202)
  @Operation('closeIncident', 'Close a resolved incident; its request closes and managers and the client are notified.')
  @Responds(202, acceptedAnswer, 'Closed.')
  close(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(emptyBody) input: z.output<typeof emptyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'close', input, () => ({ type: 'CloseIncident', by: p.userId, now: new Date() }));
  }

  @Post(':id/unlink')
  @HttpCode(202)
  @Operation('unlinkIncident', 'Unlink the incident from its request: the incident is cancelled and the request closes.')
  @Responds(202, acceptedAnswer, 'Cancelled.')
  unlink(
    @CurrentPrincipal() p: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() h: HeaderBag,
    @ZodBody(unlinkBody) input: z.output<typeof unlinkBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    return this.run(p, id, h, res, 'unlink', input, () => ({ type: 'UnlinkIncident', reason: input.reason, by: p.userId, now: new Date() }));
  }
}
