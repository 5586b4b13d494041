import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, Headers, HttpCode, Inject, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { SlaPoliciesAdmin, deterministicUuid } from '@switchboard/service-desk';
import type { SlaPolicyDraft, StoredSlaPolicy } from '@switchboard/service-desk';
import { expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { slaPolicyAnswer, slaPolicyBody, slaPolicyListAnswer } from './sla-policy.schemas';

type HeaderBag = Record<string, string | string[] | undefined>;
type PolicyAnswer = z.output<typeof slaPolicyAnswer>;

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version the editor saw, as in the ETag; a stale one answers 409.' };

/** SLA policies: targets per priority in business time of a calendar, per department (requests) or service (incidents) (ADR 0021). */
@ApiTags('sla')
@ApiBearerAuth()
@Permits('sla.admin:department', 'sla.admin:work-group')
@Problems(400, 401, 403, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('sla-policies')
export class SlaPoliciesController {
  constructor(@Inject(SlaPoliciesAdmin) private readonly admin: SlaPoliciesAdmin) {}

  @Get()
  @Operation('listSlaPolicies', 'Every SLA policy, each marked `full` when the caller keeps it.')
  @Responds(200, slaPolicyListAnswer, 'The policies.')
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: PolicyAnswer[] }> {
    return { items: (await this.admin.list(principal)).map(answerOf) };
  }

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resubmitting a create with the same key answers the policy it made.' })
  @Operation('createSlaPolicy', 'Add the SLA policy of one of your departments or of a service of your work group (one policy each).')
  @Responds(201, slaPolicyAnswer, 'Created; the ETag is its version.')
  @Problems(409, 413, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(slaPolicyBody) input: z.output<typeof slaPolicyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PolicyAnswer> {
    const key = headers['idempotency-key'];
    const id = typeof key === 'string' && key.trim() ? deterministicUuid(`sla-policy:${principal.userId}:${key.trim()}`) : randomUUID();
    const policy = await this.admin.create(principal, id, draftOf(input));
    res.setHeader('Location', `/sla-policies/${policy.id}`);
    return answer(policy, res);
  }

  @Put(':id')
  @ApiHeader(IF_MATCH)
  @Operation('updateSlaPolicy', 'Change an SLA policy you keep; open items take the new targets with their next event.')
  @Responds(200, slaPolicyAnswer, 'The policy as changed; the ETag is its new version.')
  @Problems(404, 409, 413, 422)
  async update(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(slaPolicyBody) input: z.output<typeof slaPolicyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PolicyAnswer> {
    return answer(await this.admin.update(principal, id, draftOf(input), expectedRevisionFrom(headers)), res);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @Operation('deleteSlaPolicy', 'Delete an SLA policy you keep.')
  @Responds(204, null, 'Deleted.')
  @Problems(404, 409)
  async remove(@CurrentPrincipal() principal: Principal, @ZodParam('id', entityId) id: string, @Headers() headers: HeaderBag): Promise<void> {
    await this.admin.remove(principal, id, expectedRevisionFrom(headers));
  }
}

function draftOf(input: z.output<typeof slaPolicyBody>): SlaPolicyDraft {
  return { name: input.name, scope: input.scope, calendar: input.calendar, targets: input.targets, escalateOnBreach: input.escalateOnBreach ?? false };
}

function answerOf(policy: StoredSlaPolicy & { access?: 'full' | 'read' }): PolicyAnswer {
  const calendar =
    policy.calendar.kind === '24x7' ? policy.calendar : { ...policy.calendar, holidays: policy.calendar.holidays && [...policy.calendar.holidays] };
  return { ...policy, calendar, access: policy.access ?? 'full' };
}

function answer(policy: StoredSlaPolicy, res: Response): PolicyAnswer {
  res.setHeader('ETag', `"${policy.version}"`);
  return answerOf(policy);
}
