import { Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { Communications } from '@switchboard/communications';
import type { EventStore } from '@switchboard/eventstore';
import { RequestCommunicationOutcomesProcessManager, RequestCommunicationsProcessManager, processManagerProcessor } from '@switchboard/service-desk';
import { PostgresOutboundDeliveries } from '@switchboard/service-desk/infrastructure';
import { EVENT_STORE, PG_POOL } from '../database/database.tokens';
import { ProcessorRegistry } from '../processing/processor-registry';
import { ServiceDeskModule } from '../service-desk/service-desk.module';
import { CommunicationsModule } from './communications.module';

const REQUEST_COMMUNICATIONS = Symbol('RequestCommunications');

/**
 * The service desk's replies and notices through the communications' sending point (ADR 0023
 * addendum): `request-communications` turns each into a communication, `request-communication-outcomes`
 * brings the communication's outcome back onto the request's conversation. A reply the old
 * outbox already holds (`outbound_deliveries`, from before the drain) is left to it.
 */
@Module({
  imports: [CommunicationsModule, ServiceDeskModule],
  providers: [
    {
      provide: REQUEST_COMMUNICATIONS,
      useFactory: (store: EventStore, pool: Pool, communications: Communications, commands: CommandBus, processors: ProcessorRegistry) => {
        const managers = [
          new RequestCommunicationsProcessManager(store, communications, new PostgresOutboundDeliveries(pool)),
          new RequestCommunicationOutcomesProcessManager(communications, commands),
        ];
        // Requests (and communications) are independent of each other: a burst of notices is worked side by side.
        for (const manager of managers) processors.register(processManagerProcessor(manager, { parallelByStream: true }));
        return managers;
      },
      inject: [EVENT_STORE, PG_POOL, Communications, CommandBus, ProcessorRegistry],
    },
  ],
})
export class RequestCommunicationsModule {}
