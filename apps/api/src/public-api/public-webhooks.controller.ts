import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, HttpCode, Inject, NotFoundException, Post, Res, UseGuards } from '@nestjs/common';
import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { WEBHOOK_STORE, newWebhookSecret } from '@switchboard/communications';
import type { ApiKey, WebhookStore } from '@switchboard/communications';
import { refusedWebhookUrl } from '@switchboard/communications/infrastructure';
import { Operation, Problems, Public, Responds, SWITCHBOARD_CONFIG, ZodBody, ZodParam, validationProblem } from '@switchboard/platform';
import type { SwitchboardConfig } from '@switchboard/platform';
import { entityId } from '../http/inputs';
import { ApiKeyGuard, ApiKeyScopes, CurrentApiKey } from './api-key.guard';
import { createdWebhookAnswer, webhookBody, webhookListAnswer } from './public-api.schemas';

/**
 * Status webhooks of the public API (ADR 0025): the events of the communications this key sent,
 * POSTed to the URL, signed `X-Switchboard-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<raw
 * body>">` with the webhook's secret; at least once, `X-Switchboard-Event-Id` to drop repeats.
 */
@ApiTags('public')
@ApiSecurity('apiKey')
@Public()
@UseGuards(ApiKeyGuard)
@Problems(400, 401, 403, 429)
@Controller('public/v1/webhooks')
export class PublicWebhooksController {
  constructor(
    @Inject(WEBHOOK_STORE) private readonly webhooks: WebhookStore,
    @Inject(SWITCHBOARD_CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiKeyScopes('webhooks:manage')
  @Operation(
    'publicCreateWebhook',
    "Subscribe a URL to communication status events (scope webhooks:manage); the signing secret is in this answer only. A URL on the installation's own network (loopback, private, link-local, reserved) is refused unless WEBHOOKS_ALLOW_PRIVATE_NETWORKS is on.",
  )
  @Responds(201, createdWebhookAnswer, 'Subscribed; copy the secret now.')
  async create(
    @CurrentApiKey() key: ApiKey,
    @ZodBody(webhookBody) input: z.output<typeof webhookBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const refused = refusedWebhookUrl(input.url, this.config.webhooks);
    if (refused) throw validationProblem('webhook URL refused', [{ field: 'url', message: refused }]);
    const webhook = { id: randomUUID(), keyId: key.id, url: input.url, events: [...new Set(input.events)], createdAt: new Date().toISOString() };
    const secret = newWebhookSecret();
    await this.webhooks.insert({ ...webhook, secret });
    res.setHeader('Location', `/public/v1/webhooks/${webhook.id}`);
    res.setHeader('Cache-Control', 'no-store');
    const { keyId: _key, ...shown } = webhook;
    return { webhook: shown, secret };
  }

  @Get()
  @ApiKeyScopes('webhooks:manage')
  @Operation('publicListWebhooks', 'This API key’s webhooks (scope webhooks:manage).')
  @Responds(200, webhookListAnswer, 'The webhooks.')
  async list(@CurrentApiKey() key: ApiKey): Promise<object> {
    return { items: (await this.webhooks.list(key.id)).map(({ keyId: _key, ...webhook }) => webhook) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiKeyScopes('webhooks:manage')
  @Operation('publicDeleteWebhook', 'Unsubscribe: nothing more is delivered to it (scope webhooks:manage).')
  @Responds(204, null, 'Deleted.')
  @Problems(404)
  async remove(@CurrentApiKey() key: ApiKey, @ZodParam('id', entityId) id: string): Promise<void> {
    if (!(await this.webhooks.remove(key.id, id))) throw new NotFoundException(`No webhook ${id} of this API key.`);
  }
}
