import { Controller, Get, Headers, HttpCode, Inject, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { PortalClients, PortalInvitations } from '@switchboard/portal';
import type { SentInvitation } from '@switchboard/portal';
import { PostgresResidentUnits } from '@switchboard/portal/infrastructure';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { notFound } from '../http/list-query';
import { portalInvitationAnswer, residentUnitListAnswer } from './portal.answers';
import { portalInvitationBody, residentUnitsBody } from './portal.bodies';
import { PortalProblemsInterceptor } from './portal-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * The operators' side of the residents' portal (ADR 0030): invite a client, and — until the
 * estate's facade lands — say which units a client lives in.
 */
@ApiTags('portal')
@ApiBearerAuth()
@Permits('resident.invite')
@Problems(400, 401, 403, 503)
@UseInterceptors(PortalProblemsInterceptor)
@Controller('clients/:id')
export class PortalAdminController {
  constructor(
    @Inject(PortalInvitations) private readonly invitations: PortalInvitations,
    @Inject(PortalClients) private readonly clients: PortalClients,
    @Inject(PostgresResidentUnits) private readonly units: PostgresResidentUnits,
  ) {}

  @Post('portal-invitations')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Sending it again sends nothing twice.' })
  @Operation(
    'inviteToPortal',
    'Invite a client to the residents’ portal: a single-use link by SMS or email to the contact on file (HelpDeskManager, Concierge, Dispatcher).',
  )
  @Responds(201, portalInvitationAnswer, 'Sent through the communications sending point.')
  @Problems(404, 422)
  invite(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) clientId: string,
    @Headers() headers: HeaderBag,
    @ZodBody(portalInvitationBody) input: z.output<typeof portalInvitationBody>,
  ): Promise<SentInvitation> {
    const envelope = commandEnvelopeFrom(headers, { action: `inviteToPortal:${clientId}`, input });
    return this.invitations.invite(clientId, input.channel, principal.username, envelope);
  }

  @Get('resident-units')
  @Operation('getResidentUnits', 'The units the client lives in, as the portal offers them (until the estate’s residents replace this list).')
  @Responds(200, residentUnitListAnswer, 'The units.')
  @Problems(404)
  async list(@ZodParam('id', entityId) clientId: string): Promise<z.output<typeof residentUnitListAnswer>> {
    if (!(await this.clients.byId(clientId))) throw notFound('client', clientId);
    return { units: await this.units.unitsOf(clientId) };
  }

  @Put('resident-units')
  @Operation('setResidentUnits', 'Replace the client’s units (until the estate’s residents replace this list).')
  @Responds(200, residentUnitListAnswer, 'The units now.')
  @Problems(404)
  async set(
    @ZodParam('id', entityId) clientId: string,
    @ZodBody(residentUnitsBody) input: z.output<typeof residentUnitsBody>,
  ): Promise<z.output<typeof residentUnitListAnswer>> {
    if (!(await this.clients.byId(clientId))) throw notFound('client', clientId);
    await this.units.setUnits(clientId, input.units);
    return { units: await this.units.unitsOf(clientId) };
  }
}
