import { SetMetadata } from '@nestjs/common';
import type { Principal } from '@switchboard/identity/domain';

export interface IssuedAccessTicket {
  /** Opaque and unguessable; goes in the query string (`?ticket=`), never in a log line. */
  readonly ticket: string;
  readonly expiresAt: Date;
}

/**
 * Short-lived, single-use tickets standing for an authenticated principal where a client cannot
 * send an Authorization header: a browser's EventSource. A ticket is bound to the principal it was
 * issued to and to one purpose (the routes that accept it).
 */
export interface AccessTickets {
  issue(principal: Principal, purpose: string): Promise<IssuedAccessTicket>;
  /** The ticket's principal, once: undefined for an unknown, used, expired or other-purpose ticket. */
  redeem(ticket: string, purpose: string): Promise<Principal | undefined>;
}

export const ACCESS_TICKETS = Symbol('AccessTickets');

export const ACCESS_TICKET_PURPOSE = 'switchboard:access-ticket-purpose';

/**
 * The route also takes `?ticket=` (issued for `purpose`) instead of a bearer token; a bearer token
 * keeps working and wins when both are sent.
 */
export const AcceptsAccessTicket = (purpose: string): MethodDecorator => SetMetadata(ACCESS_TICKET_PURPOSE, purpose);
