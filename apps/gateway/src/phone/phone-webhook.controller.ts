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
  /** The request the call became, once it did (a missed call becomes one after the grace period). */
  readonly requestId?: string;
  /** Why the event was not read: the caller id is not a phone number (an internal or withheld call). */
  readonly ignored?: string;
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
  @ApiOperation({
    summary:
      'A call event { callId, event: ringing | answered | hangup, from, to, agent?, at }, signed X-Signature: sha256=<hex HMAC-SHA256 of the raw body>. Events of a call may come in any order; a call from a caller id that is not a phone number is answered 200 with `ignored`.',
  })
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
    if (outcome.ignored) this.logger.debug(`call event ${event.event} of call ${event.callId} not read: ${outcome.ignored}`);
    return {
      callId: outcome.callId,
      ...(outcome.call?.requestId ? { requestId: outcome.call.requestId } : {}),
      ...(outcome.ignored ? { ignored: outcome.ignored } : {}),
    };
  }
}
