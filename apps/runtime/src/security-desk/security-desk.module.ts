import { Module } from '@nestjs/common';
import { Passes, SECURITY_DESK_EVENT_STORE } from '@switchboard/security-desk';
import { passesProjection } from '@switchboard/security-desk/infrastructure';
import { EVENT_STORE } from '../database/database.tokens';
import { ProcessorRegistry } from '../processing/processor-registry';

/** The security desk (ADR 0029): visitor passes on the event store. */
@Module({
  providers: [{ provide: SECURITY_DESK_EVENT_STORE, useExisting: EVENT_STORE }, Passes],
  exports: [Passes],
})
export class SecurityDeskModule {}

/** Registers the desk's read model (`passes-list`) as a processor on the backbone; the projector role runs it. */
export class SecurityDeskProjectionHost {
  constructor(processors: ProcessorRegistry) {
    processors.register(passesProjection());
  }
}

@Module({
  providers: [
    {
      provide: SecurityDeskProjectionHost,
      useFactory: (processors: ProcessorRegistry) => new SecurityDeskProjectionHost(processors),
      inject: [ProcessorRegistry],
    },
  ],
})
export class SecurityDeskProjectionModule {}
