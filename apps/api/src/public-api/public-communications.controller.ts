import { Controller, Get, Headers, HttpCode, Inject, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CommunicationNotFoundError, Communications, demand } from '@switchboard/communications';
import type { ApiKey } from '@switchboard/communications';
import { Operation, Problems, Public, Responds, ZodBody, ZodParam, validationProblem } from '@switchboard/platform';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { communicationBody } from '../communications/communication.bodies';
import { CommunicationsProblemsInterceptor } from '../communications/communications-problems.interceptor';
import { ApiKeyGuard, ApiKeyScopes, CurrentApiKey } from './api-key.guard';
import { publicCommunicationAcceptedAnswer, publicCommunicationAnswer } from './public-api.schemas';

type HeaderBag = Record<string, string | string[] | undefined>;

const KEY = {
  name: 'Idempotency-Key',
  required: true,
  description: 'Yours, per API key: the same key with the same body answers the same communication; with another body, 422.',
};

/**
 * The public API's communications (ADR 0025): another system sends a communication from one of
 * its key's departments, idempotently on its Idempotency-Key, and reads those it sent.
 */
@ApiTags('public')
@ApiSecurity('apiKey')
@Public()
@UseGuards(ApiKeyGuard)
@Problems(400, 401, 403, 429)
@UseInterceptors(CommunicationsProblemsInterceptor)
@Controller('public/v1/communications')
export class PublicCommunicationsController {
  constructor(@Inject(Communications) private readonly communications: Communications) {}

  @Post()
  @HttpCode(202)
  @ApiKeyScopes('communications:write')
  @ApiHeader(KEY)
  @Operation('publicRequestCommunication', 'Send a communication to a client now, or book it for `sendAt` (scope communications:write).')
  @Responds(202, publicCommunicationAcceptedAnswer, 'Accepted: NOT_SENT (dispatched next) or BOOKED; follow it with GET or a webhook.')
  @Problems(422)
  async request(
    @CurrentApiKey() key: ApiKey,
    @Headers() headers: HeaderBag,
    @ZodBody(communicationBody) input: z.output<typeof communicationBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const envelope = commandEnvelopeFrom(headers, { action: 'publicRequestCommunication', input });
    demand(key.departments.includes(input.department), `this API key may not send from ${input.department}`);
    const now = new Date();
    const sendAt = input.sendAt ? new Date(input.sendAt) : undefined;
    if (sendAt && sendAt.getTime() < now.getTime() - 60_000) {
      throw validationProblem('invalid communication', [{ field: 'sendAt', message: 'must not be in the past' }]);
    }
    // The caller's key names the command within its API key: two systems' keys never meet.
    const { communicationId } = await this.communications.request(
      {
        department: input.department,
        clientId: input.clientId,
        communicationType: input.communicationType,
        message: { text: input.text },
        origin: { kind: 'public-api', id: key.id },
        ...(input.channel ? { channel: input.channel } : {}),
        ...(sendAt && sendAt.getTime() > now.getTime() ? { sendAt } : {}),
        by: `api-key:${key.id}`,
      },
      { ...envelope, commandId: `public:${key.id}:${envelope.commandId}` },
      now,
    );
    const communication = await this.communications.find(communicationId);
    res.setHeader('Location', `/public/v1/communications/${communicationId}`);
    return {
      id: communicationId,
      status: communication?.status ?? 'NOT_SENT',
      ...(communication?.bookedUntil ? { bookedUntil: communication.bookedUntil } : {}),
    };
  }

  @Get(':id')
  @ApiKeyScopes('communications:read')
  @Operation('publicGetCommunication', 'A communication this API key sent: its status and history (scope communications:read).')
  @Responds(200, publicCommunicationAnswer, 'The communication.')
  @Problems(404)
  async byId(@CurrentApiKey() key: ApiKey, @ZodParam('id', entityId) id: string): Promise<object> {
    const communication = await this.communications.find(id);
    // Another key's communication is as absent as one that does not exist.
    if (!communication || communication.origin?.kind !== 'public-api' || communication.origin.id !== key.id) throw new CommunicationNotFoundError(id);
    const history = await this.communications.history(id);
    return {
      id,
      department: communication.department,
      clientId: communication.clientId,
      communicationType: communication.communicationType,
      status: communication.status,
      ...(communication.channel ? { channel: communication.channel } : {}),
      ...(communication.bookedUntil ? { bookedUntil: communication.bookedUntil } : {}),
      history: history.map((entry) => ({ type: entry.type, at: entry.at, data: entry.data })),
    };
  }
}
