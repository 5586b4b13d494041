import { Injectable, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  API_KEY_STORE,
  ApiKeys,
  WEBHOOK_STORE,
  BOOKING_TIMERS,
  CHANNEL_SENDERS,
  COMMUNICATION_POLICIES,
  COMMUNICATIONS_EVENT_STORE,
  Communications,
  DISPATCH_CONTEXT_SOURCE,
  RATE_LIMIT_LEDGER,
} from '@switchboard/communications';
import type { ChannelSender } from '@switchboard/communications';
import {
  PostgresBookingTimers,
  PostgresCommunicationPolicies,
  PostgresDispatchContextSource,
  PostgresRateLimitLedger,
  PostgresApiKeyStore,
  PostgresWebhookStore,
} from '@switchboard/communications/infrastructure';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';

/**
 * The channels' senders the sending point hands communications to. A module that brings a sender
 * (SMS over SMPP, Telegram, SMTP, Web Push) adds it here when it starts; CHANNEL_SENDERS is this
 * live list, so a sender added after the sending point was built is used from then on.
 */
@Injectable()
export class ChannelSenderRegistry {
  readonly senders: ChannelSender[] = [];

  /** The last sender added for a channel wins (a test's recording sender over the configured one). */
  add(sender: ChannelSender): void {
    const existing = this.senders.findIndex((s) => s.channel === sender.channel);
    if (existing >= 0) this.senders.splice(existing, 1);
    this.senders.push(sender);
  }
}

/**
 * The communications context on PostgreSQL: the sending point (`Communications`), its reference
 * data and policies, the policies' context source, the rate-limit ledger and the booking wake-ups;
 * the public API's keys and webhooks (ADR 0025).
 */
@Module({
  providers: [
    ChannelSenderRegistry,
    { provide: CHANNEL_SENDERS, useFactory: (registry: ChannelSenderRegistry) => registry.senders, inject: [ChannelSenderRegistry] },
    { provide: COMMUNICATIONS_EVENT_STORE, useExisting: EVENT_STORE },
    { provide: PostgresCommunicationPolicies, useFactory: (pool: Pool) => new PostgresCommunicationPolicies(pool), inject: [PG_POOL] },
    { provide: COMMUNICATION_POLICIES, useExisting: PostgresCommunicationPolicies },
    {
      provide: DISPATCH_CONTEXT_SOURCE,
      useFactory: (pool: Pool, policies: PostgresCommunicationPolicies) => new PostgresDispatchContextSource(pool, policies),
      inject: [PG_POOL, PostgresCommunicationPolicies],
    },
    { provide: RATE_LIMIT_LEDGER, useFactory: (pool: Pool) => new PostgresRateLimitLedger(pool), inject: [PG_POOL] },
    { provide: PostgresBookingTimers, useFactory: (pool: Pool) => new PostgresBookingTimers(pool), inject: [PG_POOL] },
    { provide: BOOKING_TIMERS, useExisting: PostgresBookingTimers },
    Communications,
    { provide: API_KEY_STORE, useFactory: (pool: Pool) => new PostgresApiKeyStore(pool), inject: [PG_POOL] },
    { provide: WEBHOOK_STORE, useFactory: (pool: Pool) => new PostgresWebhookStore(pool), inject: [PG_POOL] },
    ApiKeys,
  ],
  exports: [
    ChannelSenderRegistry,
    CHANNEL_SENDERS,
    COMMUNICATION_POLICIES,
    PostgresCommunicationPolicies,
    DISPATCH_CONTEXT_SOURCE,
    BOOKING_TIMERS,
    PostgresBookingTimers,
    Communications,
    ApiKeys,
    WEBHOOK_STORE,
  ],
})
export class CommunicationsModule {}
