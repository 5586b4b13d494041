import { Body, Controller, Headers, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { TelegramUpdateError, TelegramWebhook, parseTelegramUpdate } from '@switchboard/channel-telegram';
import type { TelegramInbound, TelegramWebhookReply } from '@switchboard/channel-telegram';
import { Public, SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { invalidPayload, notConfigured, notJson, refuse, secretsEqual, unauthenticated } from '../http/webhook-guards';

/**
 * Telegram's webhook (setWebhook with `secret_token`). Answers 200 only once the update is stored;
 * any other answer makes Telegram deliver it again, and the update_id makes that a no-op.
 */
@ApiTags('channels')
@Public()
@Controller('channels/telegram')
export class TelegramWebhookController {
  private readonly logger = new Logger('telegram');

  constructor(
    @Inject(TelegramWebhook) private readonly webhook: TelegramWebhook,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Post('webhook')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bot API updates, authenticated by X-Telegram-Bot-Api-Secret-Token. The answer may carry a sendMessage call for Telegram to perform.',
  })
  async receive(
    @Req() request: Request,
    @Headers('x-telegram-bot-api-secret-token') token: string | undefined,
    @Body() body: unknown,
  ): Promise<TelegramWebhookReply | Record<string, never>> {
    const secret = this.config.telegram.webhookSecret;
    if (!secret) refuse(this.logger, notConfigured('The Telegram webhook', 'TELEGRAM_WEBHOOK_SECRET'));
    if (!token) refuse(this.logger, unauthenticated('X-Telegram-Bot-Api-Secret-Token is missing: set the webhook with secret_token.'));
    if (!secretsEqual(token, secret)) refuse(this.logger, unauthenticated('X-Telegram-Bot-Api-Secret-Token does not match TELEGRAM_WEBHOOK_SECRET.'));
    if (!request.is('application/json')) refuse(this.logger, notJson(request.headers['content-type']));
    let inbound: TelegramInbound;
    try {
      inbound = parseTelegramUpdate(body, new Date());
    } catch (error) {
      if (error instanceof TelegramUpdateError) refuse(this.logger, invalidPayload(error.errors));
      throw error;
    }
    if ('futureDate' in inbound && inbound.futureDate !== undefined) {
      this.logger.warn(
        `update ${inbound.updateId}: date ${inbound.futureDate} lies in the future; stored with the receive time ${inbound.receivedAt.toISOString()}`,
      );
    }
    const outcome = await this.webhook.handle(inbound);
    return outcome.reply ?? {};
  }
}
