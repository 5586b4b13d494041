import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommandBus } from '@nestjs/cqrs';
import {
  ChannelIntakeModule,
  EstateModule,
  PG_POOL,
  RequestUnitChoice,
  SecurityDeskModule,
  SurveyTelegramCallbacks,
  SurveysModule,
  TelegramPassOrdering,
} from '@switchboard/app-runtime';
import {
  CachedTelegramChats,
  PostgresTelegramChats,
  TELEGRAM_CALLBACKS,
  TELEGRAM_CHATS,
  TELEGRAM_PASS_ORDERS,
  TELEGRAM_UNIT_CHOICE,
  TelegramWebhook,
} from '@switchboard/channel-telegram';
import { EstateResidents } from '@switchboard/estate';
import { Passes } from '@switchboard/security-desk';
import { CUSTOMERS_REPOSITORY } from '@switchboard/customers';
import type { CustomersRepository } from '@switchboard/customers';
import { ServiceDeskSnapshots } from '@switchboard/service-desk';
import { COMMUNICATION_POLICIES, Surveys } from '@switchboard/communications';
import type { CommunicationPolicies } from '@switchboard/communications';
import { SWITCHBOARD_CONFIG } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { TelegramWebhookController } from './telegram-webhook.controller';

/** Telegram intake: the webhook, chats linked to phone numbers, inline buttons (survey answers, "Unsubscribe", the client's units), /pass. */
@Module({
  imports: [ChannelIntakeModule, SurveysModule, EstateModule, SecurityDeskModule],
  controllers: [TelegramWebhookController],
  providers: [
    // A minute: another gateway's link is seen within it; a chat's burst of messages asks the database once.
    {
      provide: TELEGRAM_CHATS,
      useFactory: (pool: Pool) => new CachedTelegramChats(new PostgresTelegramChats(pool), { ttlMs: 60_000, capacity: 100_000 }),
      inject: [PG_POOL],
    },
    {
      provide: TELEGRAM_CALLBACKS,
      useFactory: (surveys: Surveys, policies: CommunicationPolicies, pool: Pool, config: SwitchboardConfig) =>
        new SurveyTelegramCallbacks(surveys, policies, pool, config.telegram),
      inject: [Surveys, COMMUNICATION_POLICIES, PG_POOL, SWITCHBOARD_CONFIG],
    },
    {
      provide: TELEGRAM_UNIT_CHOICE,
      useFactory: (snapshots: ServiceDeskSnapshots, estate: EstateResidents, commands: CommandBus, config: SwitchboardConfig) =>
        new RequestUnitChoice(snapshots, estate, commands, config.telegram),
      inject: [ServiceDeskSnapshots, EstateResidents, CommandBus, SWITCHBOARD_CONFIG],
    },
    {
      provide: TELEGRAM_PASS_ORDERS,
      // A lookup only (no LegacyDB migration, no client created), failing loudly: Telegram redelivers.
      useFactory: (customers: CustomersRepository, estate: EstateResidents, passes: Passes) => new TelegramPassOrdering(customers, estate, passes),
      inject: [CUSTOMERS_REPOSITORY, EstateResidents, Passes],
    },
    TelegramWebhook,
  ],
})
export class TelegramChannelModule {}
