import { Controller, Get, HttpCode, Inject, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiKeys } from '@switchboard/communications';
import type { ApiKey } from '@switchboard/communications';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { text } from '../http/inputs';
import { CommunicationsProblemsInterceptor } from '../communications/communications-problems.interceptor';
import { apiKeyAnswer, apiKeyBody, apiKeyListAnswer, issuedApiKeyAnswer, revokeApiKeyBody, rotateApiKeyBody } from './public-api.schemas';

const keyId = text(40);
const issued = (answer: { key: ApiKey; secret: string }) => ({ ...answer, authorization: `ApiKey ${answer.key.id}:${answer.secret}` });

/**
 * The public API's keys (ADR 0025), CommunicationsAdmin only: the secret is in the answer of
 * create and rotate and nowhere else.
 */
@ApiTags('api-keys')
@ApiBearerAuth()
@Permits('api-keys.admin')
@Problems(400, 401, 403)
@UseInterceptors(CommunicationsProblemsInterceptor)
@Controller('api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeys) private readonly keys: ApiKeys) {}

  @Get()
  @Operation('listApiKeys', 'The public API’s keys, revoked ones included (never their secrets).')
  @Responds(200, apiKeyListAnswer, 'The keys.')
  async list(): Promise<object> {
    return { items: await this.keys.list() };
  }

  @Post()
  @HttpCode(201)
  @Operation('createApiKey', 'Issue an API key: its secret is in this answer only.')
  @Responds(201, issuedApiKeyAnswer, 'Issued; copy the secret now.')
  async create(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(apiKeyBody) input: z.output<typeof apiKeyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const answer = await this.keys.issue(input, principal.username);
    res.setHeader('Location', `/api-keys/${answer.key.id}`);
    res.setHeader('Cache-Control', 'no-store');
    return issued(answer);
  }

  @Get(':id')
  @Operation('getApiKey', 'One API key (never its secret).')
  @Responds(200, apiKeyAnswer, 'The key.')
  @Problems(404)
  async byId(@ZodParam('id', keyId) id: string): Promise<object> {
    return this.keys.find(id);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @Operation('rotateApiKey', 'A new secret for the key; the old one works for `graceSeconds` more (0: refused at once).')
  @Responds(200, issuedApiKeyAnswer, 'Rotated; copy the new secret now.')
  @Problems(404)
  async rotate(
    @ZodParam('id', keyId) id: string,
    @ZodBody(rotateApiKeyBody) input: z.output<typeof rotateApiKeyBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    res.setHeader('Cache-Control', 'no-store');
    return issued(await this.keys.rotate(id, input.graceSeconds));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Operation('revokeApiKey', 'Revoke the key: from now on every call with it is 401 (not undone).')
  @Responds(200, apiKeyAnswer, 'Revoked.')
  @Problems(404)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', keyId) id: string,
    // Nothing to say but the id; an empty body is checked like any other.
    @ZodBody(revokeApiKeyBody) _input: z.output<typeof revokeApiKeyBody>,
  ): Promise<object> {
    return this.keys.revoke(id, principal.username);
  }
}
