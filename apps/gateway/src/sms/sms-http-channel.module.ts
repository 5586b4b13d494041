import { Module } from '@nestjs/common';
import { ChannelIntakeModule } from '@switchboard/app-runtime';
import { SmsHttpWebhookController } from './sms-http-webhook.controller';

/** SMS intake from an HTTP SMS gateway (the SMPP link is its own module). */
@Module({ imports: [ChannelIntakeModule], controllers: [SmsHttpWebhookController] })
export class SmsHttpChannelModule {}
