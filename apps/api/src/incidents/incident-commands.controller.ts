import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { OperatorCommands, deterministicUuid } from '@switchboard/service-desk';
import type { IncidentCommand } from '@switchboard/service-desk/domain';
import { accepted } from '../http/accepted';
import type { Accepted } from '../http/accepted';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { validateBody } from '../http/validate-body';
import { assignIncidentBody, emptyBody, holdBody, narrativeBody, resolveBody, unlinkBody } from './incident-command.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;
const uuid = new ParseUUIDPipe();

@ApiTags('incidents')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id; resubmitting it is idempotent.' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision the operator saw (ETag); a stale one answers 409.' })
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('incidents')
export class IncidentCommandsController {
  constructor(@Inject(OperatorCommands) private readonly operators: OperatorCommands) {}

  private async run(principal: Principal, id: string, headers: HeaderBag, res: Response, build: (commandId: string) => IncidentCommand): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    return accepted(res, id, await this.operators.onIncident(principal, id, build(envelope.commandId), envelope));
  }

  @Post(':id/assign')
  @HttpCode(202)
  @ApiOperation({ summary: 'Assign (or reassign) the incident to an engineer of its work group.' })
  assign(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const input = validateBody(assignIncidentBody, body);
    return this.run(p, id, h, res, () => ({ type: 'AssignIncident', assigneeId: input.assigneeId, by: p.userId, now: new Date() }));
  }

  @Post(':id/start')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start work; on a NEW incident the engineer takes it.' })
  start(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    validateBody(emptyBody, body);
    return this.run(p, id, h, res, () => ({ type: 'StartIncident', by: p.userId, now: new Date() }));
  }

  @Post(':id/hold')
  @HttpCode(202)
  hold(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const input = validateBody(holdBody, body);
    return this.run(p, id, h, res, () => ({ type: 'PutIncidentOnHold', reason: input.reason, by: p.userId, now: new Date() }));
  }

  @Post(':id/resume')
  @HttpCode(202)
  resume(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    validateBody(emptyBody, body);
    return this.run(p, id, h, res, () => ({ type: 'ResumeIncident', by: p.userId, now: new Date() }));
  }

  @Post(':id/narrative')
  @HttpCode(202)
  @ApiOperation({ summary: 'Record the business process as a narrative entry.' })
  narrative(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const input = validateBody(narrativeBody, body);
    return this.run(p, id, h, res, (commandId) => ({ type: 'AddNarrative', narrativeId: deterministicUuid(`narrative:${id}:${commandId}`), text: input.text, by: p.userId, now: new Date() }));
  }

  @Post(':id/resolve')
  @HttpCode(202)
  resolve(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const input = validateBody(resolveBody, body);
    return this.run(p, id, h, res, () => ({ type: 'ResolveIncident', resolution: input.resolution, by: p.userId, now: new Date() }));
  }

  @Post(':id/close')
  @HttpCode(202)
  @ApiOperation({ summary: 'Close a resolved incident; its request closes and managers and the client are notified.' })
  close(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    validateBody(emptyBody, body);
    return this.run(p, id, h, res, () => ({ type: 'CloseIncident', by: p.userId, now: new Date() }));
  }

  @Post(':id/unlink')
  @HttpCode(202)
  @ApiOperation({ summary: 'Unlink the incident from its request: the incident is cancelled and the request closes.' })
  unlink(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Headers() h: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const input = validateBody(unlinkBody, body);
    return this.run(p, id, h, res, () => ({ type: 'UnlinkIncident', reason: input.reason, by: p.userId, now: new Date() }));
  }
}
