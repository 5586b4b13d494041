import { Module } from '@nestjs/common';
import type { ExecutionContext, Provider } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { Principal } from '@switchboard/identity/domain';
import { ACCESS_TOKEN_VERIFIER } from './access-token-verifier.port';
import type { AccessTokenVerifier } from './access-token-verifier.port';
import { AuthenticationGuard } from './authentication.guard';
import type { AuthenticatedRequest } from './authentication.guard';
import { ROLE_PERMISSIONS_RESOLVER } from './role-permissions.port';
import type { RolePermissionsResolver } from './role-permissions.port';

/** ADR 0031: the guard resolves permissions through the mapping, and a composition without the resolver does not start. */
describe('AuthenticationGuard and the role → permissions resolver', () => {
  const principal: Principal = { userId: 'u', username: 'hd.user.north', roles: ['HelpDeskUser'], departments: [], workGroups: [] };
  const verifier: AccessTokenVerifier = { verify: async () => principal };
  const start = (providers: Provider[]) => {
    @Module({ providers: [Reflector, { provide: ACCESS_TOKEN_VERIFIER, useValue: verifier }, ...providers, AuthenticationGuard] })
    class Composition {}
    return NestFactory.createApplicationContext(Composition, { logger: false, abortOnError: false });
  };

  it('refuses to start without a ROLE_PERMISSIONS_RESOLVER (else revocations would be silently ignored)', async () => {
    await expect(start([])).rejects.toThrow(/RolePermissionsResolver/);
  });

  it('gives the principal the permissions the resolver answers, not its roles’ defaults', async () => {
    const resolver: RolePermissionsResolver = { permissionsFor: async () => new Set(['problem.read'] as const) };
    const app = await start([{ provide: ROLE_PERMISSIONS_RESOLVER, useValue: resolver }]);
    const request: AuthenticatedRequest = { headers: { authorization: 'Bearer t' } };
    const context = {
      getHandler: () => () => undefined,
      getClass: () => class {},
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    await expect(app.get(AuthenticationGuard).canActivate(context)).resolves.toBe(true);
    expect([...(request.principal?.permissions ?? [])]).toEqual(['problem.read']);
    await app.close();
  });
});
