import { Module } from '@nestjs/common';
import { rolePermissionsProjection } from '@switchboard/identity/infrastructure';
import { ProcessorRegistry } from '../processing/processor-registry';

/** Registers the role → permissions mapping's table (`access_role_permissions`, ADR 0031) as a processor on the backbone; the projector role runs it. */
export class AccessProjectionHost {
  constructor(processors: ProcessorRegistry) {
    processors.register(rolePermissionsProjection());
  }
}

@Module({
  providers: [
    { provide: AccessProjectionHost, useFactory: (processors: ProcessorRegistry) => new AccessProjectionHost(processors), inject: [ProcessorRegistry] },
  ],
})
export class AccessProjectionModule {}
