import { randomUUID } from 'node:crypto';
import { Controller, Get, Headers, Inject, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal, Permits, RolePermissions } from '@switchboard/identity';
import type { RolePermissionsView } from '@switchboard/identity';
import { RolePermissionsError, administeredRoles, permissionCatalogue, permissions } from '@switchboard/identity/domain';
import type { Principal, Role } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, validationProblem } from '@switchboard/platform';
import { commandFingerprint } from '../http/command-envelope.from-headers';
import { AccessProblemsInterceptor } from './access-problems.interceptor';
import {
  permissionCatalogueAnswer,
  roleParam,
  rolePermissionsAnswer,
  rolePermissionsHistoryAnswer,
  rolePermissionsListAnswer,
  setRolePermissionsBody,
} from './access.schemas';

type HeaderBag = Record<string, string | string[] | undefined>;
const VERSION = /^(?:W\/)?"?(\d+)"?$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Permissions as data (ADR 0031): the catalogue, and each role's permissions as a stream of
 * changes. Only `access.admin` (the AccessAdmin realm role by default) reads and changes them; a
 * change reaches every API process within the resolver's refresh (1 s) after the projection.
 */
@ApiTags('access')
@ApiBearerAuth()
@Permits('access.admin')
@Problems(400, 401, 403, 503)
@UseInterceptors(AccessProblemsInterceptor)
@Controller('access')
export class AccessController {
  constructor(@Inject(RolePermissions) private readonly mapping: RolePermissions) {}

  @Get('permissions')
  @Operation('listPermissions', 'The permission catalogue: every permission a role may hold, with its resource and a description in Russian and English.')
  @Responds(200, permissionCatalogueAnswer, 'The catalogue, in its order.')
  catalogue(): z.output<typeof permissionCatalogueAnswer> {
    return {
      items: permissions.map((permission) => ({
        permission,
        ...permissionCatalogue[permission],
        description: { ...permissionCatalogue[permission].description },
      })),
    };
  }

  @Get('roles')
  @Operation('listRolePermissions', 'Every administered role (all but Resident) with its permissions now and their version.')
  @Responds(200, rolePermissionsListAnswer, 'The roles.')
  async roles(): Promise<z.output<typeof rolePermissionsListAnswer>> {
    return { items: (await this.mapping.list()).map(answerOf) };
  }

  @Get('roles/:role')
  @Operation('getRolePermissions', 'One role’s permissions; the ETag is their version.')
  @Responds(200, rolePermissionsAnswer, 'The role.')
  @Problems(404)
  async role(@ZodParam('role', roleParam) role: string, @Res({ passthrough: true }) res: Response): Promise<z.output<typeof rolePermissionsAnswer>> {
    return answer(await this.mapping.view(administered(role)), res);
  }

  @Put('roles/:role/permissions')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version the administrator saw, as in the ETag; a stale one answers 409.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resubmitting the change under the same key changes nothing twice.' })
  @Operation('setRolePermissions', 'Set a role’s whole list of permissions; the change is recorded with who made it (GET …/history).')
  @Responds(200, rolePermissionsAnswer, 'The role as changed; the ETag is its new version.')
  @Problems(404, 409, 413, 422)
  async set(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('role', roleParam) role: string,
    @Headers() headers: HeaderBag,
    @ZodBody(setRolePermissionsBody) input: z.output<typeof setRolePermissionsBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<z.output<typeof rolePermissionsAnswer>> {
    const name = administered(role);
    const ifMatch = headers['if-match'];
    const match = typeof ifMatch === 'string' ? VERSION.exec(ifMatch.trim()) : null;
    if (!match) throw validationProblem('invalid headers', [{ field: 'If-Match', message: 'required: the version you saw, e.g. "3" (as in the ETag)' }]);
    const key = headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
      throw validationProblem('invalid headers', [{ field: 'Idempotency-Key', message: '8–128 of A-Z a-z 0-9 . _ : -, e.g. a uuid' }]);
    }
    await this.mapping.change(
      { type: 'SetRolePermissions', role: name, permissions: input.permissions, by: principal.userId, now: new Date() },
      {
        commandId: typeof key === 'string' ? key : randomUUID(),
        // The version counts changes; the stream's revision is one less (-1: no stream yet).
        expectedRevision: BigInt(match[1]) - 1n,
        origin: 'user',
        fingerprint: commandFingerprint(`setRolePermissions:${name}`, input),
      },
    );
    return answer(await this.mapping.view(name), res);
  }

  @Get('roles/:role/history')
  @Operation('getRolePermissionsHistory', 'Who changed a role’s permissions, when, and what they granted and revoked; newest first.')
  @Responds(200, rolePermissionsHistoryAnswer, 'The changes.')
  @Problems(404)
  async history(@ZodParam('role', roleParam) role: string): Promise<z.output<typeof rolePermissionsHistoryAnswer>> {
    return {
      items: [...(await this.mapping.history(administered(role)))].map((e) => ({
        ...e,
        granted: [...e.granted],
        revoked: [...e.revoked],
        permissions: [...e.permissions],
      })),
    };
  }
}

function administered(role: string): Exclude<Role, 'Resident'> {
  if (!administeredRoles(role)) throw new RolePermissionsError('unknown-role', `There is no administered role ${role}.`);
  return role;
}

function answerOf(view: RolePermissionsView): z.output<typeof rolePermissionsAnswer> {
  return { ...view, permissions: [...view.permissions] };
}

function answer(view: RolePermissionsView, res: Response): z.output<typeof rolePermissionsAnswer> {
  res.setHeader('ETag', `"${view.version}"`);
  return answerOf(view);
}
