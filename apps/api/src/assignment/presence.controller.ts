import { Controller, Get, HttpCode, Inject, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { SWITCHBOARD_CONFIG, Operation, Problems, Responds, ZodBody } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { PresenceService } from '@switchboard/service-desk';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { emptyBody } from '../incidents/incident-command.bodies';
import { presenceAnswer, presenceBody } from './auto-assignment.schemas';

type PresenceAnswer = z.output<typeof presenceAnswer>;

/** The caller's presence: available or away; automatic assignment hands work only to the available (ADR 0020). */
@ApiTags('me')
@ApiBearerAuth()
@Permits('presence.set')
@Problems(401, 403, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('me/presence')
export class PresenceController {
  constructor(
    @Inject(PresenceService) private readonly presence: PresenceService,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Get()
  @Operation('getPresence', 'Your presence: away until you say you are available, and away again when your console has been idle.')
  @Responds(200, presenceAnswer, 'Your presence.')
  async get(@CurrentPrincipal() principal: Principal): Promise<PresenceAnswer> {
    const { status, since, lastSeenAt } = await this.presence.get(principal, this.config.presence.idleMinutes);
    return { status, since, lastSeenAt, idleMinutes: this.config.presence.idleMinutes };
  }

  @Put()
  @Operation('setPresence', 'Say you are available (automatic assignment may hand you work) or away.')
  @Responds(200, presenceAnswer, 'Your presence as set.')
  @Problems(400)
  async set(@CurrentPrincipal() principal: Principal, @ZodBody(presenceBody) input: z.output<typeof presenceBody>): Promise<PresenceAnswer> {
    const { status, since, lastSeenAt } = await this.presence.set(principal, input.status);
    return { status, since, lastSeenAt, idleMinutes: this.config.presence.idleMinutes };
  }

  @Post('heartbeat')
  @HttpCode(204)
  @Operation('reportActivity', 'The console reports that you are active (it sends this while you use it), which keeps you from turning idle.')
  @Responds(204, null, 'Noted.')
  @Problems(400)
  async heartbeat(@CurrentPrincipal() principal: Principal, @ZodBody(emptyBody) input: z.output<typeof emptyBody>): Promise<void> {
    void input;
    await this.presence.heartbeat(principal);
  }
}
