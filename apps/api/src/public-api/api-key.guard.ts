import { createParamDecorator, ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ApiKeys, apiKeyCredentialsFrom } from '@switchboard/communications';
import type { ApiKey, ApiKeyScope } from '@switchboard/communications';
import { ProblemException, problemTypes } from '@switchboard/platform';

const REQUIRED_SCOPE = 'switchboard:api-key-scope';

/** The route needs this scope on the caller's API key (403 otherwise). */
export const ApiKeyScopes = (scope: ApiKeyScope): MethodDecorator => SetMetadata(REQUIRED_SCOPE, scope);

interface ApiKeyRequest {
  headers: Record<string, string | string[] | undefined>;
  apiKey?: ApiKey;
}

/** The API key the guard authenticated. */
export const CurrentApiKey = createParamDecorator((_: unknown, context: ExecutionContext): ApiKey => {
  const key = context.switchToHttp().getRequest<ApiKeyRequest>().apiKey;
  if (!key) throw new Error('CurrentApiKey used outside the ApiKeyGuard');
  return key;
});

/**
 * The public API's authentication (ADR 0025): `Authorization: ApiKey <id>:<secret>` → the active
 * key, else 401; then the key's per-minute limit (429 with Retry-After, every authenticated request
 * counts); then the route's scope (403). The routes are @Public() for the bearer-token guard.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeys) private readonly keys: ApiKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiKeyRequest>();
    const header = request.headers.authorization;
    const credentials = apiKeyCredentialsFrom(typeof header === 'string' ? header : undefined);
    if (!credentials) throw new UnauthorizedException('An API key is required (Authorization: ApiKey <key id>:<secret>).');
    const key = await this.keys.authenticate(credentials);
    if (!key) throw new UnauthorizedException('The API key is unknown or revoked, or the secret is wrong.');
    const verdict = await this.keys.admit(key);
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('RateLimit-Limit', String(key.rateLimitPerMinute));
    if (!verdict.allowed) {
      response.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      response.setHeader('RateLimit-Remaining', '0');
      throw new ProblemException({
        type: problemTypes.tooManyRequests,
        title: 'too many requests',
        status: 429,
        detail: `This API key may make ${key.rateLimitPerMinute} requests a minute; try again in ${verdict.retryAfterSeconds} s.`,
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    response.setHeader('RateLimit-Remaining', String(verdict.remaining));
    const scope = this.reflector.get<ApiKeyScope | undefined>(REQUIRED_SCOPE, context.getHandler());
    if (scope && !key.scopes.includes(scope)) throw new ForbiddenException(`This API key lacks the scope ${scope}.`);
    request.apiKey = key;
    return true;
  }
}
