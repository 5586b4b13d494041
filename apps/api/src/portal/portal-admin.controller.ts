import { Controller, Headers, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { PortalInvitations } from '@switchboard/portal';
import type { SentInvitation } from '@switchboard/portal';
import { commandEnvelopeFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { portalInvitationAnswer } from './portal.answers';
import { portalInvitationBody } from './portal.bodies';
import { PortalProblemsInterceptor } from './portal-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * The operators' side of the residents' portal (ADR 0030): invite a client. Which units a client
 * lives in is the estate's (its residents, `/units/:id/residents`).
 */
@ApiTags('portal')
@ApiBearerAuth()
@Permits('resident.invite')
@Problems(400, 401, 403, 503)
@UseInterceptors(PortalProblemsInterceptor)
@Controller('clients/:id')
export class PortalAdminController {
  constructor(@Inject(PortalInvitations) private readonly invitations: PortalInvitations) {}

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
}
