import { SetMetadata } from '@nestjs/common';
import type { Role } from '@switchboard/identity/domain';

export const REQUIRED_ROLES = 'switchboard:roles';

/** The route needs at least one of these realm roles (403 otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export const RESIDENT_ROUTE = 'switchboard:resident-route';

/** Residents' accounts may call this route (the portal, `/me`); every other route answers them 403. */
export const ForResidents = (): MethodDecorator & ClassDecorator => SetMetadata(RESIDENT_ROUTE, true);
