import { Controller, Headers, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { SmsHttpPayloadError, smsHttpInbound } from '@switchboard/channel-sms';
import { Public, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { ContactIntake } from '@switchboard/service-desk';
import type { InboundContact } from '@switchboard/service-desk';
import { invalidPayload, notConfigured, notJson, refuse, signatureProblem, unauthenticated } from '../http/webhook-guards';

export interface SmsAccepted {
  readonly requestId: string;
  /** The gateway had delivered this messageId before; nothing new was stored. */
  readonly duplicate: boolean;
}

/** Inbound SMS from an HTTP SMS gateway, signed with SMS_WEBHOOK_SECRET; 200 only once stored. */
@ApiTags('channels')
@Public()
@Controller('channels/sms')
export class SmsHttpWebhookController {
  private readonly logger = new Logger('sms-http');

  constructor(
    @Inject(ContactIntake) private readonly intake: ContactIntake,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Post('inbound')
  @HttpCode(200)
  @ApiOperation({ summary: 'An inbound SMS { messageId, from, to, text, receivedAt }, signed X-Signature: sha256=<hex HMAC-SHA256 of the raw body>.' })
  async receive(@Req() request: RawBodyRequest<Request>, @Headers('x-signature') signature: string | undefined): Promise<SmsAccepted> {
    const secret = this.config.smsHttp.webhookSecret;
    if (!secret) refuse(this.logger, notConfigured('The SMS webhook', 'SMS_WEBHOOK_SECRET'));
    if (!request.is('application/json')) refuse(this.logger, notJson(request.headers['content-type']));
    const problem = signatureProblem(request.rawBody, signature, secret);
    if (problem) refuse(this.logger, unauthenticated(problem));
    let inbound: InboundContact;
    try {
      inbound = smsHttpInbound(request.body);
    } catch (error) {
      if (error instanceof SmsHttpPayloadError) refuse(this.logger, invalidPayload(error.errors));
      throw error;
    }
    const result = await this.intake.receive(inbound);
    return { requestId: result.requestId, duplicate: result.duplicate };
  }
}
