import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { access, channel, clientRefAnswer, incidentState, requestState, timestamp } from './shared.answers';

// Requests and incidents show each other: both list items live here, so neither detail imports the other's file.

export const requestListItemAnswer = answerSchema(
  'RequestListItem',
  z.object({
    id: z.string(),
    revision: z.number().int().describe('The `If-Match` of the next command.'),
    state: requestState,
    channel,
    contact: z.object({ address: z.string(), displayName: z.string().nullable() }),
    subject: z.string().nullable(),
    department: z.string().nullable(),
    assigneeId: z.string().nullable(),
    client: clientRefAnswer.nullable(),
    clientId: z.string().nullable(),
    order: z.object({ id: z.string(), code: z.string() }).nullable(),
    service: z.object({ code: z.number().int(), name: z.string().nullable() }).nullable(),
    workGroup: z.object({ code: z.number().int(), name: z.string().nullable() }).nullable(),
    incident: z.object({ id: z.string(), state: incidentState.nullable(), assigneeId: z.string().nullable() }).nullable(),
    lastMessage: z.object({ text: z.string(), at: timestamp, direction: z.enum(['inbound', 'outbound']) }).nullable(),
    messageCount: z.number().int(),
    closedReason: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    closedAt: timestamp.nullable(),
    access,
  }),
);

export const incidentListItemAnswer = answerSchema(
  'IncidentListItem',
  z.object({
    id: z.string(),
    revision: z.number().int().describe('The `If-Match` of the next command.'),
    requestId: z.string(),
    state: incidentState,
    service: z.object({ code: z.number().int(), name: z.string().nullable() }),
    workGroup: z.object({ code: z.number().int(), name: z.string().nullable() }),
    assigneeId: z.string().nullable(),
    holdReason: z.string().nullable(),
    resolution: z.string().nullable(),
    cancelReason: z.string().nullable(),
    narrativeCount: z.number().int(),
    lastNarrative: z.object({ text: z.string(), at: timestamp }).nullable(),
    client: clientRefAnswer.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    closedAt: timestamp.nullable(),
    access,
  }),
);
