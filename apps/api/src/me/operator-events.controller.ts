import { Controller, HttpCode, Inject, Post, Sse } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { z } from 'zod';
import { ScreenPopHub } from '@switchboard/channel-phone';
import type { ScreenPop } from '@switchboard/channel-phone';
import { ACCESS_TICKETS, AcceptsAccessTicket, CurrentPrincipal, ROLE_PERMISSIONS_RESOLVER } from '@switchboard/identity';
import type { AccessTickets, RolePermissionsResolver } from '@switchboard/identity';
import { holds } from '@switchboard/identity/domain';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodQuery, answerSchema, bodySchema } from '@switchboard/platform';
import { AssigneeNoticeHub } from './assignee-notice-hub';
import { sameShape } from '../http/same-shape';

const HEARTBEAT_MS = 25_000;
const EVENTS_TICKET = 'operator-events';

const ticketBody = bodySchema('EventsTicketBody', z.object({}).strict());
const ticketAnswer = answerSchema(
  'EventsTicket',
  z.object({ ticket: z.string(), expiresAt: z.iso.datetime(), url: z.string().describe('`/me/events?ticket=…`, relative to the API.') }),
);
/** The data of a `screen-pop` event; named in the document so the console's generated types have it. */
export const screenPopAnswer = answerSchema(
  'ScreenPop',
  z.object({
    callId: z.string().describe("The PBX's call id: POST /calls/{callId}/request registers the call once answered."),
    from: z.string().describe('The caller, E.164 when it is a phone number.'),
    to: z.string(),
    agent: z.string().optional().describe('Whom the PBX rings (username or user id), when it says.'),
    at: z.iso.datetime(),
    client: z
      .object({ id: z.string(), name: z.string(), phone: z.string(), organisation: z.string().optional() })
      .optional()
      .describe("Our client with the caller's number, when there is one."),
  }),
);
sameShape<z.output<typeof screenPopAnswer>, ScreenPop>(true);

const eventsQuery = z.object({
  ticket: z
    .string()
    .max(200)
    .optional()
    .describe('A ticket from POST /me/events/ticket, instead of the Authorization header (EventSource cannot send one). Used once.'),
});

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
    @Inject(AssigneeNoticeHub) private readonly notices: AssigneeNoticeHub,
    @Inject(ROLE_PERMISSIONS_RESOLVER) private readonly rolePermissions: RolePermissionsResolver,
  ) {}

  @Post('ticket')
  @HttpCode(201)
  @Operation(
    'issueEventsTicket',
    'A ticket for opening GET /me/events without an Authorization header (a browser EventSource): single use, valid for 30 s, bound to the caller. Get a new one for every (re)connection.',
  )
  @Responds(201, ticketAnswer, 'The ticket and the stream URL to open with it.')
  @Problems(401)
  async ticket(@CurrentPrincipal() principal: Principal, @ZodBody(ticketBody) _body: z.output<typeof ticketBody>): Promise<OperatorEventsTicket> {
    const issued = await this.tickets.issue(principal, EVENTS_TICKET);
    return { ticket: issued.ticket, expiresAt: issued.expiresAt.toISOString(), url: `/me/events?ticket=${issued.ticket}` };
  }

  @Sse()
  @AcceptsAccessTicket(EVENTS_TICKET)
  @ApiProduces('text/event-stream')
  @Operation(
    'operatorEvents',
    "Server-sent events for the operator: `ready` once subscribed, `screen-pop` when a customer's call rings (data: the `ScreenPop` schema), `assigned` when a request or incident is assigned to them by someone else (kind, id, by, at), `sla-breached` when an item they manage breaches its SLA (kind, id, at), `ping` to keep the stream open. Authenticated by the bearer token or by `?ticket=`; 401 for a ticket that is unknown, used or expired (get a new one).",
  )
  @ApiResponse({ status: 200, description: 'An event stream (text/event-stream).', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @Problems(400, 401)
  events(@CurrentPrincipal() principal: Principal, @ZodQuery(eventsQuery) _query: z.output<typeof eventsQuery>): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      // Whether unaddressed calls pop here follows the mapping (ADR 0031) on an open stream too: it is
      // checked again with every heartbeat (the resolver's cache makes that a lookup), not only on (re)connect.
      let takesCalls = holds(principal, 'request.take:department');
      const recheck = () =>
        this.rolePermissions.permissionsFor(principal.roles).then(
          (held) => (takesCalls = held.has('request.take:department')),
          () => undefined, // keep the last answer; the next heartbeat tries again
        );
      const unsubscribe = this.pops.subscribe(
        {
          userId: principal.userId,
          username: principal.username,
          get takesCalls() {
            return takesCalls;
          },
          deliver: (pop) => subscriber.next({ type: 'screen-pop', id: pop.callId, data: pop }),
        },
        () => subscriber.complete(),
      );
      const unsubscribeNotices = this.notices.subscribe(principal.userId, (notice) =>
        subscriber.next({ type: notice.reason ?? 'assigned', id: notice.eventId, data: notice }),
      );
      subscriber.next({ type: 'ready', data: { userId: principal.userId } });
      const heartbeat = setInterval(() => {
        subscriber.next({ type: 'ping', data: '' });
        void recheck();
      }, HEARTBEAT_MS);
      return () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeNotices();
      };
    });
  }
}
