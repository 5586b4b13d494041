import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@switchboard/identity/domain';

export const REQUIRED_PERMISSIONS = 'switchboard:permissions';

/**
 * The route needs at least one of these permissions (403 otherwise). Which roles hold them is data
 * (ADR 0031): the default mapping, changed through `/access/roles`.
 */
export const Permits = (...permissions: Permission[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSIONS, permissions);

export const RESIDENT_ROUTE = 'switchboard:resident-route';

/** Residents' accounts may call this route (the portal, `/me`); every other route answers them 403. */
export const ForResidents = (): MethodDecorator & ClassDecorator => SetMetadata(RESIDENT_ROUTE, true);
