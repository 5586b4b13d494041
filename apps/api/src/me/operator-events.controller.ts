import { Controller, HttpCode, Inject, Post, Sse } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { ScreenPopHub } from '@switchboard/channel-phone';
import { ACCESS_TICKETS, AcceptsAccessTicket, CurrentPrincipal } from '@switchboard/identity';
import type { AccessTickets } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';

const HEARTBEAT_MS = 25_000;
const EVENTS_TICKET = 'operator-events';

export interface OperatorEventsTicket {
  readonly ticket: string;
  /** ISO-8601; the ticket opens one stream before then. */
  readonly expiresAt: string;
  /** Where to point EventSource: this API's `/me/events?ticket=…`, relative. */
  readonly url: string;
}

/**
 * The operator's live events (server-sent events): screen-pops of ringing calls, whichever gateway
 * process received the call. A browser's EventSource cannot send an Authorization header: it
 * first gets a ticket (POST /me/events/ticket, with the bearer token) and opens the stream with it.
 */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/events')
export class OperatorEventsController {
  constructor(
    @Inject(ScreenPopHub) private readonly pops: ScreenPopHub,
    @Inject(ACCESS_TICKETS) private readonly tickets: AccessTickets,
  ) {}

  @Post('ticket')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'A ticket for opening GET /me/events without an Authorization header (a browser EventSource): single use, valid for 30 s, bound to the caller. Get a new one for every (re)connection.',
  })
  @ApiCreatedResponse({
    description: 'The ticket and the stream URL to open with it.',
    schema: {
      type: 'object',
      required: ['ticket', 'expiresAt', 'url'],
      properties: { ticket: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, url: { type: 'string', example: '/me/events?ticket=…' } },
    },
  })
  async ticket(@CurrentPrincipal() principal: Principal): Promise<OperatorEventsTicket> {
    const issued = await this.tickets.issue(principal, EVENTS_TICKET);
    return { ticket: issued.ticket, expiresAt: issued.expiresAt.toISOString(), url: `/me/events?ticket=${issued.ticket}` };
  }

  @Sse()
  @AcceptsAccessTicket(EVENTS_TICKET)
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'A ticket from POST /me/events/ticket, instead of the Authorization header (EventSource cannot send one). Used once.' })
  @ApiUnauthorizedResponse({ description: 'No bearer token and no ticket, or a ticket that is unknown, used or expired: get a new ticket.' })
  @ApiOperation({
    summary:
      'Server-sent events for the operator: `ready` once subscribed, `screen-pop` when a customer\'s call rings (caller, client), `ping` to keep the stream open. Authenticated by the bearer token or by `?ticket=`.',
  })
  events(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const unsubscribe = this.pops.subscribe(
        {
          userId: principal.userId,
          username: principal.username,
          takesCalls: principal.roles.includes('HelpDeskUser') || principal.roles.includes('HelpDeskManager'),
          deliver: (pop) => subscriber.next({ type: 'screen-pop', id: pop.callId, data: pop }),
        },
        () => subscriber.complete(),
      );
      subscriber.next({ type: 'ready', data: { userId: principal.userId } });
      const heartbeat = setInterval(() => subscriber.next({ type: 'ping', data: '' }), HEARTBEAT_MS);
      return () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
    });
  }
}
