import { Inject, Injectable, Optional, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@switchboard/platform';
import { isResidentAccount } from '@switchboard/identity/domain';
import type { Principal, Role } from '@switchboard/identity/domain';
import { ACCESS_TOKEN_VERIFIER, InvalidTokenError } from './access-token-verifier.port';
import type { AccessTokenVerifier } from './access-token-verifier.port';
import { ACCESS_TICKETS, ACCESS_TICKET_PURPOSE } from './access-tickets.port';
import type { AccessTickets } from './access-tickets.port';
import { REQUIRED_ROLES, RESIDENT_ROUTE } from './roles.decorator';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  principal?: Principal;
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); a route marked
 * @AcceptsAccessTicket() also takes a ticket in the query instead.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    @Optional() @Inject(ACCESS_TICKETS) private readonly tickets?: AccessTickets,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const ticketPurpose = this.reflector.get<string | undefined>(ACCESS_TICKET_PURPOSE, context.getHandler());
    if (ticketPurpose && this.tickets && request.headers.authorization === undefined && typeof request.query?.ticket === 'string') {
      request.principal = await this.tickets.redeem(request.query.ticket, ticketPurpose);
      if (!request.principal) throw new UnauthorizedException('The ticket is unknown, used or expired: a ticket works once, for a short time.');
      return this.authorise(targets, request.principal);
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <token>).');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`Invalid bearer token: ${error.message}.`);
      throw error;
    }
    return this.authorise(targets, request.principal);
  }

  private authorise(targets: Parameters<Reflector['getAllAndOverride']>[1], principal: Principal): boolean {
    if (isResidentAccount(principal.roles) && !this.reflector.getAllAndOverride<boolean>(RESIDENT_ROUTE, targets)) {
      throw new ForbiddenException('This is an operators’ route: residents use the portal (/portal).');
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((r) => principal.roles.includes(r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}.`);
    }
    return true;
  }
}
