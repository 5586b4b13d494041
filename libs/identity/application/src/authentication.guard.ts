import { Inject, Injectable, Optional, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@switchboard/platform';
import { isResidentAccount } from '@switchboard/identity/domain';
import type { Permission, Principal } from '@switchboard/identity/domain';
import { ACCESS_TOKEN_VERIFIER, InvalidTokenError } from './access-token-verifier.port';
import type { AccessTokenVerifier } from './access-token-verifier.port';
import { ACCESS_TICKETS, ACCESS_TICKET_PURPOSE } from './access-tickets.port';
import type { AccessTickets } from './access-tickets.port';
import { REQUIRED_PERMISSIONS, RESIDENT_ROUTE } from './permits.decorator';
import { ROLE_PERMISSIONS_RESOLVER } from './role-permissions.port';
import type { RolePermissionsResolver } from './role-permissions.port';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  principal?: Principal;
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); a route marked
 * @AcceptsAccessTicket() also takes a ticket in the query instead. The principal's roles become
 * its permissions under the current mapping (ADR 0031) and a route marked @Permits(...) needs one.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    // Required: a composition without it would ignore every change of the mapping (ADR 0031).
    @Inject(ROLE_PERMISSIONS_RESOLVER) private readonly rolePermissions: RolePermissionsResolver,
    @Optional() @Inject(ACCESS_TICKETS) private readonly tickets?: AccessTickets,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const ticketPurpose = this.reflector.get<string | undefined>(ACCESS_TICKET_PURPOSE, context.getHandler());
    if (ticketPurpose && this.tickets && request.headers.authorization === undefined && typeof request.query?.ticket === 'string') {
      const redeemed = await this.tickets.redeem(request.query.ticket, ticketPurpose);
      if (!redeemed) throw new UnauthorizedException('The ticket is unknown, used or expired: a ticket works once, for a short time.');
      request.principal = await this.withPermissions(redeemed);
      return this.authorise(targets, request.principal);
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <token>).');
    try {
      request.principal = await this.withPermissions(await this.verifier.verify(match[1]));
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`Invalid bearer token: ${error.message}.`);
      throw error;
    }
    return this.authorise(targets, request.principal);
  }

  private async withPermissions(principal: Principal): Promise<Principal> {
    return { ...principal, permissions: await this.rolePermissions.permissionsFor(principal.roles) };
  }

  private authorise(targets: Parameters<Reflector['getAllAndOverride']>[1], principal: Principal): boolean {
    if (isResidentAccount(principal.roles) && !this.reflector.getAllAndOverride<boolean>(RESIDENT_ROUTE, targets)) {
      throw new ForbiddenException('This is an operators’ route: residents use the portal (/portal).');
    }
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    if (required && !required.some((p) => principal.permissions?.has(p))) {
      throw new ForbiddenException(`This action needs one of the permissions: ${required.join(', ')}.`);
    }
    return true;
  }
}
