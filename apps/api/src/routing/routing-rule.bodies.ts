import { z } from 'zod';
import { isValidInn } from '@switchboard/customers/domain';
import { bodySchema } from '@switchboard/platform';
import { channels, clientKinds, maxRoutingPatternLength, priorities, routingPatternProblem } from '@switchboard/service-desk/domain';
import { text } from '../http/inputs';

const list = (item: z.ZodType<string>, max: number, what: string) => z.array(item).max(max, `at most ${max} ${what}`).optional();

const conditions = z
  .object({
    channels: z.array(z.enum(channels)).max(channels.length).optional().describe('Any of these channels.'),
    recipients: list(text(100), 50, 'recipients').describe(
      'The number or bot the contact wrote to (an SMS short number, a Telegram bot username), any of these.',
    ),
    esbSources: list(text(100), 50, 'sources').describe('ESB source systems, any of these.'),
    clientKinds: z
      .array(z.enum(clientKinds))
      .max(clientKinds.length)
      .optional()
      .describe('What the identified client is: `legal-entity` (INN and organisation) or `person`; a contact whose client is not identified matches neither.'),
    clientInns: z
      .array(z.string().refine(isValidInn, 'must be a valid INN (10 or 12 digits with correct check digits)'))
      .max(200, 'at most 200 INNs')
      .optional()
      .describe('Particular legal entities, by INN, any of these.'),
    clientTags: list(text(50), 50, 'tags').describe('Tags of the identified client (case-insensitive), any of these.'),
    keywords: list(text(100), 50, 'keywords').describe('Words or phrases in the first message (case-insensitive), any of these.'),
    pattern: z
      .string()
      .max(maxRoutingPatternLength, `must be at most ${maxRoutingPatternLength} characters`)
      .superRefine((pattern, ctx) => {
        const problem = pattern === '' ? undefined : routingPatternProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        'A regular expression over the first message (case-insensitive; the first 2,000 characters). Safe subset only: no repeated group holding a repetition or an alternation, no backreferences or lookarounds, repeats up to 100.',
      ),
  })
  .describe('Every condition given must hold; none: the rule matches every contact.');

export const routingRuleBody = bodySchema(
  'RoutingRuleBody',
  z.object({
    name: text(100),
    enabled: z.boolean().optional().describe('Default true; a disabled rule is kept but never matches.'),
    conditions,
    outcome: z.object({
      department: text(100).describe('The department the request goes to; you must be one of its help-desk managers.'),
      priority: z.enum(priorities).optional().describe('The request’s priority; unset leaves P3.'),
      tags: z.array(text(50)).max(20, 'at most 20 tags').optional(),
    }),
  }),
);

export const routingOrderBody = bodySchema(
  'RoutingOrderBody',
  z.object({ ids: z.array(z.uuid()).max(1_000).describe('Every rule’s id once, in the new order (first evaluated first).') }),
);
