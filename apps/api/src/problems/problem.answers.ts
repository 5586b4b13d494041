import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { problemOperatorActionNames, problemOrigins, problemStatuses } from '@switchboard/service-desk/domain';
import { timestamp } from '../http/shared.answers';

const problemFields = {
  id: z.string(),
  serviceCode: z.number().int(),
  serviceName: z.string().nullable(),
  title: z.string(),
  origin: z.enum(problemOrigins).describe('`automatic`: opened by the detection process manager (threshold reached); `manual`: by a manager.'),
  state: z.enum(problemStatuses),
  resolution: z.string().nullable(),
  openedBy: z.string(),
  openedAt: timestamp,
  resolvedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  incidentCount: z.number().int(),
  requestCount: z.number().int(),
  revision: z.number().int().describe('Send it back as `If-Match` with the next command (also the ETag).'),
};

export const problemListItemAnswer = answerSchema('ProblemListItem', z.object(problemFields));
export const problemListAnswer = answerSchema('ProblemList', z.object({ items: z.array(problemListItemAnswer) }));

export const problemDetailAnswer = answerSchema(
  'ProblemDetail',
  z.object({
    ...problemFields,
    incidents: z.array(
      z.object({
        id: z.string(),
        state: z.string(),
        serviceCode: z.number().int(),
        workGroupCode: z.number().int(),
        assigneeId: z.string().nullable(),
        requestId: z.string(),
        priority: z.string(),
        linkedAt: timestamp,
      }),
    ),
    requests: z.array(
      z.object({
        id: z.string(),
        state: z.string(),
        channel: z.string(),
        subject: z.string().nullable(),
        department: z.string().nullable(),
        assigneeId: z.string().nullable(),
        priority: z.string(),
        linkedAt: timestamp,
      }),
    ),
    allowedActions: z.array(z.enum(problemOperatorActionNames)).describe('What the caller may do now (managers only).'),
  }),
);

export const problemThresholdAnswer = answerSchema(
  'ProblemThreshold',
  z.object({
    serviceCode: z.number().int().nullable().describe('Null: the default for every service without its own.'),
    incidents: z.number().int(),
    windowMinutes: z.number().int(),
    updatedBy: z.string().nullable(),
    updatedAt: timestamp.nullable(),
  }),
);

export const problemThresholdListAnswer = answerSchema(
  'ProblemThresholdList',
  z.object({ default: problemThresholdAnswer, services: z.array(problemThresholdAnswer) }),
);

export type ProblemDetailAnswer = z.output<typeof problemDetailAnswer>;
export type ProblemThresholdAnswer = z.output<typeof problemThresholdAnswer>;
