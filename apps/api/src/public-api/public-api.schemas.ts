import { z } from 'zod';
import { apiKeyScopes, webhookEvents } from '@switchboard/communications';
import { communicationStatuses } from '@switchboard/communications/domain';
import { answerSchema, bodySchema } from '@switchboard/platform';
import { timestamp } from '../http/shared.answers';
import { text } from '../http/inputs';

const scopes = z.array(z.enum(apiKeyScopes)).min(1, 'at least one scope').max(apiKeyScopes.length);

export const apiKeyBody = bodySchema(
  'ApiKeyBody',
  z.object({
    name: text(100).describe('Which system holds it, e.g. "Billing".'),
    scopes: scopes.describe('communications:write, communications:read, webhooks:manage.'),
    departments: z.array(text(100)).min(1, 'at least one department').max(50).describe('The departments it may send from and read.'),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).default(60).describe('Requests a minute; over it: 429 with Retry-After.'),
  }),
);

export const rotateApiKeyBody = bodySchema(
  'RotateApiKeyBody',
  z.object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(0)
      .describe('How long the old secret keeps working (0: refused at once; at most 7 days).'),
  }),
);

export const apiKeyAnswer = answerSchema(
  'ApiKey',
  z.object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(apiKeyScopes)),
    departments: z.array(z.string()),
    rateLimitPerMinute: z.number().int(),
    status: z.enum(['active', 'revoked']),
    createdBy: z.string(),
    createdAt: timestamp,
    rotatedAt: timestamp.optional(),
    previousSecretValidUntil: timestamp.optional(),
    revokedAt: timestamp.optional(),
    revokedBy: z.string().optional(),
    lastUsedAt: timestamp.optional(),
  }),
);
export const apiKeyListAnswer = answerSchema('ApiKeyList', z.object({ items: z.array(apiKeyAnswer) }));
export const issuedApiKeyAnswer = answerSchema(
  'IssuedApiKey',
  z.object({
    key: apiKeyAnswer,
    secret: z.string().describe('Shown this once: only its scrypt hash is stored.'),
    authorization: z.string().describe('The header to send: `ApiKey <id>:<secret>`.'),
  }),
);

const status = z.enum(communicationStatuses);
export const publicCommunicationAnswer = answerSchema(
  'PublicCommunication',
  z.object({
    id: z.string(),
    department: z.string(),
    clientId: z.string(),
    communicationType: z.string(),
    status,
    channel: z.string().optional(),
    bookedUntil: timestamp.optional(),
    history: z.array(z.object({ type: z.string(), at: timestamp, data: z.record(z.string(), z.unknown()) })),
  }),
);
export const publicCommunicationAcceptedAnswer = answerSchema(
  'PublicCommunicationAccepted',
  z.object({ id: z.string(), status, bookedUntil: timestamp.optional() }),
);

export const webhookBody = bodySchema(
  'WebhookBody',
  z.object({
    url: z
      .string()
      .url('must be a URL')
      .max(2_000)
      .refine((u) => /^https?:\/\//i.test(u), 'must be http or https')
      .describe('Where the status events are POSTed.'),
    events: z.array(z.enum(webhookEvents)).min(1, 'at least one event').describe('The communication events to deliver.'),
  }),
);
export const webhookAnswer = answerSchema(
  'Webhook',
  z.object({ id: z.string(), url: z.string(), events: z.array(z.enum(webhookEvents)), createdAt: timestamp }),
);
export const webhookListAnswer = answerSchema('WebhookList', z.object({ items: z.array(webhookAnswer) }));
export const createdWebhookAnswer = answerSchema(
  'CreatedWebhook',
  z.object({
    webhook: webhookAnswer,
    secret: z.string().describe('Shown this once: verify `X-Switchboard-Signature` (HMAC-SHA256 over `<t>.<raw body>`) with it.'),
  }),
);

/** Revoking takes nothing but the key's id: an empty body (or none). */
export const revokeApiKeyBody = bodySchema('RevokeApiKeyBody', z.object({}).strict());
