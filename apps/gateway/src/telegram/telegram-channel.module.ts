import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ChannelIntakeModule, PG_POOL } from '@switchboard/app-runtime';
import { PostgresTelegramChats, TELEGRAM_CHATS, TelegramWebhook } from '@switchboard/channel-telegram';
import { TelegramWebhookController } from './telegram-webhook.controller';

/** Telegram intake: the webhook, chats linked to phone numbers. */
@Module({
  imports: [ChannelIntakeModule],
  controllers: [TelegramWebhookController],
  providers: [{ provide: TELEGRAM_CHATS, useFactory: (pool: Pool) => new PostgresTelegramChats(pool), inject: [PG_POOL] }, TelegramWebhook],
})
export class TelegramChannelModule {}
