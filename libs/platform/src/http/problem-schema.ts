import { z } from 'zod';
import { answerSchema } from './openapi-schemas';

/** RFC 9457 problem details as every error of the HTTP edge answers them, with our extensions. */
export const problemSchema = answerSchema(
  'Problem',
  z
    .looseObject({
      type: z.string().describe('A URI naming the kind of problem, e.g. https://switchboard.dev/problems/validation.'),
      title: z.string(),
      status: z.number().int(),
      detail: z.string().optional(),
      instance: z.string().optional().describe('The path that was asked for.'),
      requestId: z.string().optional().describe('The correlation id of the request (also in X-Request-Id and in every log line).'),
      errors: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .describe('400: every bad field.'),
      rule: z.string().optional().describe('422: the business rule refused, e.g. assignee-not-in-department.'),
      state: z.string().optional().describe('422: the state the entity is in.'),
      allowedActions: z.array(z.string()).optional().describe('422: what the state machine allows instead.'),
      current: z.object({ state: z.string().optional(), revision: z.number().int() }).nullable().optional().describe('409: where the entity stands now.'),
      limit: z.number().int().optional().describe('413: the route’s body limit in bytes.'),
    })
    .describe('application/problem+json (RFC 9457)'),
);
