import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { channel, priority, timestamp } from '../http/shared.answers';

export const routingRuleAnswer = answerSchema(
  'RoutingRule',
  z.object({
    id: z.string(),
    position: z.number().int().describe('0 is evaluated first.'),
    version: z.number().int().describe('Moves with every change: the `If-Match` of an edit or delete.'),
    name: z.string(),
    enabled: z.boolean(),
    conditions: z.object({
      channels: z.array(channel).optional(),
      recipients: z.array(z.string()).optional(),
      esbSources: z.array(z.string()).optional(),
      clientKinds: z.array(z.enum(['legal-entity', 'person'])).optional(),
      clientInns: z.array(z.string()).optional(),
      clientTags: z.array(z.string()).optional(),
      keywords: z.array(z.string()).optional(),
      pattern: z.string().optional(),
    }),
    outcome: z.object({ department: z.string(), priority: priority.optional(), tags: z.array(z.string()).optional() }),
    updatedBy: z.string(),
    updatedAt: timestamp,
    access: z.enum(['full', 'read']).describe('`full`: the caller manages its department and may change it.'),
  }),
);

export const routingRuleListAnswer = answerSchema(
  'RoutingRuleList',
  z.object({
    revision: z.number().int().describe('Moves with every change to any rule: the `If-Match` of a reorder (also the ETag).'),
    items: z.array(routingRuleAnswer),
  }),
);
