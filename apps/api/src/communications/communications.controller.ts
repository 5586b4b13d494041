import { Controller, Get, Headers, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import { PG_POOL } from '@switchboard/app-runtime';
import { CommunicationNotFoundError, Communications, communicationsAccess, demand } from '@switchboard/communications';
import { communicationStatuses } from '@switchboard/communications/domain';
import { listCommunications } from '@switchboard/communications/infrastructure';
import { CurrentPrincipal } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, ZodQuery, validationProblem } from '@switchboard/platform';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId, positiveInt, text } from '../http/inputs';
import { communicationAcceptedAnswer, communicationAnswer, communicationListAnswer } from './communication.answers';
import { cancelCommunicationBody, communicationBody } from './communication.bodies';
import { CommunicationsProblemsInterceptor } from './communications-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;

const listParams = z.object({
  clientId: text(100).optional(),
  department: text(100).optional(),
  status: z.enum(communicationStatuses).optional(),
  limit: positiveInt.max(500, 'must be at most 500').optional(),
});

const KEY = { name: 'Idempotency-Key', required: true, description: 'Client-generated; resubmitting answers the same communication.' };

/**
 * Communications [Коммуникация] (ADR 0023): send now or book for later, read them with their
 * history, cancel a booking. A department's operators send personal communications, its managers
 * any type, CommunicationsAdmin any; each sees the communications of their departments.
 */
@ApiTags('communications')
@ApiBearerAuth()
@Problems(400, 401, 403, 503)
@UseInterceptors(CommunicationsProblemsInterceptor)
@Controller('communications')
export class CommunicationsController {
  constructor(
    @Inject(Communications) private readonly communications: Communications,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader(KEY)
  @Operation('requestCommunication', 'Send a communication now, or book it for `sendAt`; the dispatcher judges the policies in the background.')
  @Responds(202, communicationAcceptedAnswer, 'Accepted: NOT_SENT (the dispatcher takes it next) or BOOKED.')
  @Problems(409, 422)
  async request(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(communicationBody) input: z.output<typeof communicationBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const envelope = commandEnvelopeFrom(headers, { action: 'requestCommunication', input });
    demand(
      communicationsAccess.maySend(principal, input.department, input.communicationType),
      `you may not send ${input.communicationType} communications from ${input.department}`,
    );
    const now = new Date();
    const sendAt = input.sendAt ? new Date(input.sendAt) : undefined;
    if (sendAt && sendAt.getTime() < now.getTime() - 60_000) {
      throw validationProblem('invalid communication', [{ field: 'sendAt', message: 'must not be in the past' }]);
    }
    const { communicationId } = await this.communications.request(
      {
        department: input.department,
        clientId: input.clientId,
        communicationType: input.communicationType,
        message: { text: input.text },
        origin: { kind: 'operator', id: principal.username },
        ...(input.channel ? { channel: input.channel } : {}),
        ...(sendAt && sendAt.getTime() > now.getTime() ? { sendAt } : {}),
        by: principal.username,
      },
      envelope,
      now,
    );
    const communication = await this.communications.find(communicationId);
    res.setHeader('Location', `/communications/${communicationId}`);
    return {
      id: communicationId,
      status: communication?.status ?? 'NOT_SENT',
      ...(communication?.bookedUntil ? { bookedUntil: communication.bookedUntil } : {}),
    };
  }

  @Get()
  @Operation('listCommunications', 'Communications of your departments (all for CommunicationsAdmin), newest first.')
  @Responds(200, communicationListAnswer, 'The communications.')
  async list(@CurrentPrincipal() principal: Principal, @ZodQuery(listParams) query: z.output<typeof listParams>): Promise<object> {
    const visible = communicationsAccess.visibleDepartments(principal);
    const departments = query.department ? (visible && !visible.includes(query.department) ? [] : [query.department]) : visible;
    if (departments && departments.length === 0) return { items: [] };
    return {
      items: await listCommunications(this.pool, {
        ...(query.clientId ? { clientId: query.clientId } : {}),
        ...(departments ? { departments } : {}),
        ...(query.status ? { status: query.status } : {}),
        limit: query.limit ?? 100,
      }),
    };
  }

  @Get(':id')
  @Operation('getCommunication', 'One communication with its event history (every decision: booked, dispatched, blocked by which rule, failed why).')
  @Responds(200, communicationAnswer, 'The communication; the ETag is its revision.')
  @Problems(404)
  async byId(@CurrentPrincipal() principal: Principal, @ZodParam('id', entityId) id: string, @Res({ passthrough: true }) res: Response): Promise<object> {
    const communication = await this.communications.find(id);
    const visible = communicationsAccess.visibleDepartments(principal);
    if (!communication || (visible && !visible.includes(communication.department))) throw new CommunicationNotFoundError(id);
    const history = await this.communications.history(id);
    const requestedBy = history[0]?.by;
    const revision = history.length - 1;
    res.setHeader('ETag', `"${revision}"`);
    return {
      id,
      department: communication.department,
      clientId: communication.clientId,
      communicationType: communication.communicationType,
      status: communication.status,
      text: communication.message.text,
      ...(communication.channel ? { channel: communication.channel } : {}),
      ...(communication.address ? { address: communication.address } : {}),
      ...(communication.bookedUntil ? { bookedUntil: communication.bookedUntil } : {}),
      revision,
      mayCancel:
        (communication.status === 'NOT_SENT' || communication.status === 'BOOKED') &&
        communicationsAccess.mayCancel(principal, { department: communication.department, requestedBy }),
      history,
    };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiHeader(KEY)
  @Operation('cancelCommunication', 'Cancel a communication not yet dispatched (a booking): it is never sent.')
  @Responds(200, communicationAcceptedAnswer, 'Cancelled.')
  @Problems(404, 409)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(cancelCommunicationBody) input: z.output<typeof cancelCommunicationBody>,
  ): Promise<object> {
    const envelope = commandEnvelopeFrom(headers, { action: `cancelCommunication:${id}`, input });
    const communication = await this.communications.find(id);
    const visible = communicationsAccess.visibleDepartments(principal);
    if (!communication || (visible && !visible.includes(communication.department))) throw new CommunicationNotFoundError(id);
    const history = await this.communications.history(id);
    demand(communicationsAccess.mayCancel(principal, { department: communication.department, requestedBy: history[0]?.by }), 'not yours to cancel');
    await this.communications.cancel(id, principal.username, envelope, input.reason);
    return { id, status: (await this.communications.find(id))?.status ?? 'CANCELLED' };
  }
}
