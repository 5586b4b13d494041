import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForResidents } from '@switchboard/identity';
import { permissions, permissionsOf } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds } from '@switchboard/platform';
import { principalAnswer } from './me/me.answers';
import type { PrincipalView } from './me/me.answers';

@ApiTags('me')
@ApiBearerAuth()
@ForResidents()
@Controller('me')
export class MeController {
  @Get()
  @Operation('getMe', 'Who the bearer token belongs to: user id, roles and what they allow (permissions), departments, work groups.')
  @Responds(200, principalAnswer, 'The caller.')
  @Problems(401)
  me(@CurrentPrincipal() principal: Principal): PrincipalView {
    const held = permissionsOf(principal);
    return { ...principal, permissions: permissions.filter((p) => held.has(p)) };
  }
}
