import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { access, channel, clientRefAnswer, incidentState, priority, requestState, timestamp } from './shared.answers';

const slaTargetAnswer = answerSchema(
  'SlaTarget',
  z.object({
    targetMinutes: z.number().int().describe('Business minutes of the target at the item’s priority.'),
    status: z.enum(['running', 'paused', 'met', 'missed']).describe('Where the clock stands: counting, on hold, stopped in time, stopped late.'),
    dueAt: timestamp.nullable().describe('When the business time reaches the target; null while paused short of it or met.'),
    warnAt: timestamp.nullable().describe('When SLA_WARNING_SHARE of the target is reached.'),
    state: z.enum(['ok', 'warning', 'breached', 'met']).describe('The badge now.'),
  }),
);

export const slaAnswer = answerSchema(
  'Sla',
  z
    .object({
      policyId: z.string(),
      policyName: z.string(),
      state: z.enum(['ok', 'warning', 'breached', 'met']).nullable().describe('The worse target’s badge now; null when its priority has no targets.'),
      dueAt: timestamp.nullable().describe('The next due time of a running target (what `sort=dueAt` orders by).'),
      firstResponse: slaTargetAnswer.nullable(),
      resolution: slaTargetAnswer.nullable(),
      warned: z.boolean(),
      breached: z.boolean(),
    })
    .nullable()
    .describe('The live SLA (ADR 0021); null without a policy for its department or service.'),
);

// Requests and incidents show each other: both list items live here, so neither detail imports the other's file.

export const requestListItemAnswer = answerSchema(
  'RequestListItem',
  z.object({
    id: z.string(),
    revision: z.number().int().describe('The `If-Match` of the next command.'),
    state: requestState,
    priority,
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
    previousRequestId: z.string().nullable().describe('The contact’s earlier request this one follows (closed too long ago to reopen).'),
    unitId: z.string().optional().describe('The estate unit it is about (GET /units/:unitId).'),
    buildingId: z.string().optional().describe('The building it is about (the unit’s, or its common areas).'),
    siteSlug: z.string().optional().describe('The building’s site (slug): who works the site’s requests sees it.'),
    routingRule: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe('The routing rule that sent it to its department at intake (its name then); null: the intake department by default.'),
    tags: z.array(z.string()).describe('Set by the routing rule.'),
    closedReason: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    closedAt: timestamp.nullable(),
    sla: slaAnswer,
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
    priority,
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
    sla: slaAnswer,
    access,
  }),
);
