import { SetMetadata } from '@nestjs/common';
import type { Role } from '@switchboard/identity/domain';

export const REQUIRED_ROLES = 'switchboard:roles';

/** The route needs at least one of these realm roles (403 otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
