import { Controller, Headers, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CallEventPayloadError, PhoneCalls, callEventFromWebhook } from '@switchboard/channel-phone';
import type { CallEvent } from '@switchboard/channel-phone';
import { Public, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { invalidPayload, notConfigured, notJson, refuse, signatureProblem, unauthenticated } from '../http/webhook-guards';

export interface CallEventAccepted {
  readonly callId: string;
  /** Operators a ringing call popped up for. */
  readonly popped?: number;
  /** The request a missed call became. */
  readonly requestId?: string;
}

/** Call events from a PBX, signed like the SMS webhook (PHONE_WEBHOOK_SECRET); 200 once stored. */
@ApiTags('channels')
@Public()
@Controller('channels/phone')
export class PhoneWebhookController {
  private readonly logger = new Logger('phone');

  constructor(
    @Inject(PhoneCalls) private readonly calls: PhoneCalls,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Post('events')
  @HttpCode(200)
  @ApiOperation({ summary: 'A call event { callId, event: ringing | answered | hangup, from, to, agent?, at }, signed X-Signature: sha256=<hex HMAC-SHA256 of the raw body>.' })
  async receive(@Req() request: RawBodyRequest<Request>, @Headers('x-signature') signature: string | undefined): Promise<CallEventAccepted> {
    const secret = this.config.phone.webhookSecret;
    if (!secret) refuse(this.logger, notConfigured('The PBX webhook', 'PHONE_WEBHOOK_SECRET'));
    if (!request.is('application/json')) refuse(this.logger, notJson(request.headers['content-type']));
    const problem = signatureProblem(request.rawBody, signature, secret);
    if (problem) refuse(this.logger, unauthenticated(problem));
    let event: CallEvent;
    try {
      event = callEventFromWebhook(request.body);
    } catch (error) {
      if (error instanceof CallEventPayloadError) refuse(this.logger, invalidPayload(error.errors));
      throw error;
    }
    const outcome = await this.calls.handle(event);
    return {
      callId: outcome.call.callId,
      ...(outcome.popped !== undefined ? { popped: outcome.popped } : {}),
      ...(outcome.intake ? { requestId: outcome.intake.requestId } : {}),
    };
  }
}
