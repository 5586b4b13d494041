import { Module } from '@nestjs/common';
import { ServiceDeskModule } from '@switchboard/app-runtime';
import type { AppRole } from '@switchboard/app-runtime';
import { EsbModule } from './esb/esb.module';
import { PhoneChannelModule } from './phone/phone-channel.module';
import { SmppModule } from './smpp/smpp.module';
import { SmsHttpChannelModule } from './sms/sms-http-channel.module';
import { TelegramChannelModule } from './telegram/telegram-channel.module';

export const gatewayRole: AppRole = {
  name: 'gateway',
  dependencies: ['postgres', 'eventstore', 'amqp', 'redis'],
  // An update carries text and captions up to 4,096 characters and file ids, never the files themselves.
  bodyLimits: [
    { method: 'POST', path: '/channels/telegram/webhook', bytes: 1024 * 1024, reason: 'a Telegram update with entities, a caption and a reply-to message' },
  ],
};

/** Channel intake: Telegram, SMS (HTTP gateway; SMPP) and phone webhooks, Asterisk AMI, the ESB consumer. */
@Module({ imports: [ServiceDeskModule, TelegramChannelModule, SmsHttpChannelModule, PhoneChannelModule, EsbModule, SmppModule] })
export class GatewayModule {}
