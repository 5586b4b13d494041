import { randomUUID } from 'node:crypto';
import { Controller, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ClientIdentification } from '@switchboard/customers';
import { ESTATE_STORE } from '@switchboard/estate';
import type { EstateStore } from '@switchboard/estate';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { OperatorCommands, deterministicUuid } from '@switchboard/service-desk';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import { accepted, acceptedAnswer } from '../http/accepted';
import type { Accepted } from '../http/accepted';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { escalationAcceptedAnswer } from './request.answers';
import { assignRequestBody, closeRequestBody, escalateBody, linkClientBody, linkOrderBody, registerRequestBody, replyBody } from './request-command.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;

@ApiTags('requests')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: true,
  description: 'Client-generated command id; resubmitting it with the same body is idempotent, with another body it is refused (422).',
})
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision the operator saw (ETag); a stale one answers 409.' })
@Problems(400, 401, 403, 404, 409, 413, 422, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('requests')
export class RequestCommandsController {
  constructor(
    @Inject(OperatorCommands) private readonly operators: OperatorCommands,
    @Inject(ClientIdentification) private readonly identification: ClientIdentification,
    @Inject(ESTATE_STORE) private readonly estate: EstateStore,
  ) {}

  @Post()
  @HttpCode(202)
  @Operation(
    'registerRequest',
    'Register a request for a client, e.g. from a call; a HelpDeskUser gets it assigned. Dispatchers and client managers register for a unit or building of their sites.',
  )
  @Responds(202, acceptedAnswer, 'Registered; `id` is the new request.')
  async register(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(registerRequestBody) input: z.output<typeof registerRequestBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: 'requests.register', input });
    const result = await this.operators.register(principal, { ...input, ...(await this.placeOf(input)) }, envelope);
    return accepted(res, result.requestId, result);
  }

  @Post(':id/assign')
  @HttpCode(202)
  @Operation(
    'assignRequest',
    'Assign (or reassign) the request to a help-desk operator of its department or a technician of its site, by user id or username; a manager may move it to another department.',
  )
  @Responds(202, acceptedAnswer, 'Assigned.')
  async assign(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(assignRequestBody) input: z.output<typeof assignRequestBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: `requests.assign:${id}`, input });
    return accepted(res, id, await this.operators.assignRequest(principal, id, { assignee: input.assigneeId, department: input.department }, envelope));
  }

  @Post(':id/link-client')
  @HttpCode(202)
  @Operation('linkClientToRequest', 'Link the client: ours, a LegacyDB client (copied in), or a new one from the given details.')
  @Responds(202, acceptedAnswer, 'Linked.')
  async linkClient(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(linkClientBody) input: z.output<typeof linkClientBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: `requests.link-client:${id}`, input });
    const identify = async () =>
      (
        await this.identification.identify({
          clientId: input.clientId,
          legacyClientId: input.legacyClientId,
          phone: input.phone,
          newClient: input.client ? { ...input.client, phone: input.phone } : undefined,
          now: new Date(),
          newId: randomUUID,
          by: principal.userId,
        })
      ).clientId;
    return accepted(res, id, await this.operators.linkClient(principal, id, identify, envelope));
  }

  @Post(':id/link-order')
  @HttpCode(202)
  @Operation('linkOrderToRequest', 'Link an order of the linked client: ours, copied in from the LegacyDB, or created from the given details.')
  @Responds(202, acceptedAnswer, 'Linked.')
  async linkOrder(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(linkOrderBody) input: z.output<typeof linkOrderBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: `requests.link-order:${id}`, input });
    const identify = async (clientId: string) => {
      const identified = await this.identification.identify({
        clientId,
        orderCode: input.orderCode,
        newOrder: input.order ? { code: input.orderCode, ...input.order } : undefined,
        now: new Date(),
        newId: randomUUID,
        by: principal.userId,
      });
      if (!identified.orderId) throw new DomainRuleError('unknown-order', `No order ${input.orderCode}: give its name and cost to create it.`);
      return { orderId: identified.orderId, orderCode: input.orderCode };
    };
    return accepted(res, id, await this.operators.linkOrder(principal, id, identify, envelope));
  }

  @Post(':id/reply')
  @HttpCode(202)
  @Operation('replyToRequest', 'Reply to the client on their channel (sent by the outbox, outcome recorded on the request).')
  @Responds(202, acceptedAnswer, 'Recorded; sending follows.')
  async reply(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(replyBody) input: z.output<typeof replyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: `requests.reply:${id}`, input });
    const replyId = deterministicUuid(`reply:${id}:${envelope.commandId}`);
    return accepted(
      res,
      id,
      await this.operators.onRequest(principal, id, { type: 'SendReply', replyId, text: input.text, by: principal.userId, now: new Date() }, envelope),
    );
  }

  @Post(':id/escalate')
  @HttpCode(202)
  @Operation('escalateRequest', 'Escalate to an incident for a catalogue service; the incident is opened for its work group.')
  @Responds(202, escalationAcceptedAnswer, 'Escalated; the incident opens shortly.')
  async escalate(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(escalateBody) input: z.output<typeof escalateBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted & { incidentId: string }> {
    const envelope = commandEnvelopeFrom(headers, { action: `requests.escalate:${id}`, input });
    const incidentId = deterministicUuid(`incident:${id}:${envelope.commandId}`);
    const result = await this.operators.onRequest(
      principal,
      id,
      { type: 'EscalateRequest', incidentId, serviceCode: input.serviceCode, summary: input.summary, by: principal.userId, now: new Date() },
      envelope,
    );
    return { ...accepted(res, id, result), incidentId };
  }

  @Post(':id/close')
  @HttpCode(202)
  @Operation('closeRequest', 'Close a NEW or IN_PROGRESS request with a reason (e.g. no incident possible).')
  @Responds(202, acceptedAnswer, 'Closed.')
  async close(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(closeRequestBody) input: z.output<typeof closeRequestBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers, { action: `requests.close:${id}`, input });
    return accepted(
      res,
      id,
      await this.operators.onRequest(principal, id, { type: 'CloseRequest', reason: input.reason, by: principal.userId, now: new Date() }, envelope),
    );
  }

  /** The unit (with its building and site) or building (with its site) a request is registered for: one the estate has, else 422. */
  private async placeOf(input: { unitId?: string; buildingId?: string }): Promise<{ unitId?: string; buildingId?: string; siteSlug?: string }> {
    const everySite = { all: true } as const;
    if (input.unitId) {
      const unit = await this.estate.findUnit(everySite, input.unitId);
      if (!unit) throw new DomainRuleError('unit-unknown', `No unit ${input.unitId}.`);
      if (input.buildingId && input.buildingId !== unit.buildingId)
        throw new DomainRuleError('unit-not-in-building', `Unit ${unit.id} is not in building ${input.buildingId}.`);
      return { unitId: unit.id, buildingId: unit.buildingId, siteSlug: unit.siteSlug };
    }
    if (input.buildingId) {
      const building = await this.estate.findBuildingById(everySite, input.buildingId);
      if (!building) throw new DomainRuleError('building-unknown', `No building ${input.buildingId}.`);
      const site = await this.estate.findSite(everySite, building.siteId);
      return { buildingId: building.id, ...(site ? { siteSlug: site.slug } : {}) };
    }
    return {};
  }
}
