import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientIdentification } from '@switchboard/customers';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { OperatorCommands, deterministicUuid } from '@switchboard/service-desk';
import { DomainRuleError } from '@switchboard/service-desk/domain';
import { accepted } from '../http/accepted';
import type { Accepted } from '../http/accepted';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { validateBody } from '../http/validate-body';
import { validationProblem } from '../http/validation-problem';
import { assignRequestBody, closeRequestBody, escalateBody, linkClientBody, linkOrderBody, registerRequestBody, replyBody } from './request-command.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;
const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('requests')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-generated command id; resubmitting it is idempotent.' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision the operator saw (ETag); a stale one answers 409.' })
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('requests')
export class RequestCommandsController {
  constructor(
    @Inject(OperatorCommands) private readonly operators: OperatorCommands,
    @Inject(ClientIdentification) private readonly identification: ClientIdentification,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Register a request for a client, e.g. from a call. A HelpDeskUser gets it assigned.' })
  async register(@CurrentPrincipal() principal: Principal, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(registerRequestBody, body);
    const department = input.department ?? principal.departments[0];
    if (department && !principal.departments.includes(department)) {
      throw validationProblem('invalid request body', [{ field: 'department', message: `you are not in department ${department}` }]);
    }
    const requestId = deterministicUuid(`operator-request:${principal.userId}:${envelope.commandId}`);
    const now = new Date();
    const result = await this.operators.register(
      principal,
      requestId,
      {
        type: 'RegisterRequest',
        requestId,
        contact: input.contact ?? { channel: 'operator', address: principal.username },
        subject: input.subject,
        department,
        clientId: input.clientId,
        message: input.text ? { messageId: `operator:${envelope.commandId}`, text: input.text, receivedAt: now } : undefined,
        assigneeId: principal.roles.includes('HelpDeskUser') ? principal.userId : undefined,
        by: principal.userId,
        now,
      },
      envelope,
    );
    return accepted(res, requestId, result);
  }

  @Post(':id/assign')
  @HttpCode(202)
  async assign(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(assignRequestBody, body);
    return accepted(res, id, await this.operators.onRequest(principal, id, { type: 'AssignRequest', assigneeId: input.assigneeId, department: input.department, by: principal.userId, now: new Date() }, envelope));
  }

  @Post(':id/link-client')
  @HttpCode(202)
  @ApiOperation({ summary: 'Link the client: ours, a LegacyDB client (copied in), or a new one from the given details.' })
  async linkClient(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(linkClientBody, body);
    const result = await this.operators.onRequest(
      principal,
      id,
      async () => {
        const identified = await this.identification.identify({
          clientId: input.clientId,
          legacyClientId: input.legacyClientId,
          phone: input.phone,
          newClient: input.client ? { ...input.client, phone: input.phone } : undefined,
          now: new Date(),
          newId: randomUUID,
        });
        return { type: 'LinkClient', clientId: identified.clientId, by: principal.userId, now: new Date() };
      },
      envelope,
    );
    return accepted(res, id, result);
  }

  @Post(':id/link-order')
  @HttpCode(202)
  @ApiOperation({ summary: 'Link an order of the linked client: ours, copied in from the LegacyDB, or created from the given details.' })
  async linkOrder(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(linkOrderBody, body);
    const result = await this.operators.onRequest(
      principal,
      id,
      async (request) => {
        if (!request.clientId) throw new DomainRuleError('order-needs-client', 'Link the client before linking one of their orders.');
        const identified = await this.identification.identify({ clientId: request.clientId, orderCode: input.orderCode, newOrder: input.order ? { code: input.orderCode, ...input.order } : undefined, now: new Date(), newId: randomUUID });
        if (!identified.orderId) throw new DomainRuleError('unknown-order', `No order ${input.orderCode}: give its name and cost to create it.`);
        return { type: 'LinkOrder', orderId: identified.orderId, orderCode: input.orderCode, by: principal.userId, now: new Date() };
      },
      envelope,
    );
    return accepted(res, id, result);
  }

  @Post(':id/reply')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reply to the client on their channel (sent by the outbox, outcome recorded on the request).' })
  async reply(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(replyBody, body);
    const replyId = deterministicUuid(`reply:${id}:${envelope.commandId}`);
    return accepted(res, id, await this.operators.onRequest(principal, id, { type: 'SendReply', replyId, text: input.text, by: principal.userId, now: new Date() }, envelope));
  }

  @Post(':id/escalate')
  @HttpCode(202)
  @ApiOperation({ summary: 'Escalate to an incident for a catalogue service; the incident is opened for its work group.' })
  async escalate(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted & { incidentId: string }> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(escalateBody, body);
    const incidentId = deterministicUuid(`incident:${id}:${envelope.commandId}`);
    const result = await this.operators.onRequest(principal, id, { type: 'EscalateRequest', incidentId, serviceCode: input.serviceCode, by: principal.userId, now: new Date() }, envelope);
    return { ...accepted(res, id, result), incidentId };
  }

  @Post(':id/close')
  @HttpCode(202)
  @ApiOperation({ summary: 'Close a NEW or IN_PROGRESS request with a reason (e.g. no incident possible).' })
  async close(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Headers() headers: HeaderBag, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<Accepted> {
    const envelope = commandEnvelopeFrom(headers);
    const input = validateBody(closeRequestBody, body);
    return accepted(res, id, await this.operators.onRequest(principal, id, { type: 'CloseRequest', reason: input.reason, by: principal.userId, now: new Date() }, envelope));
  }
}
