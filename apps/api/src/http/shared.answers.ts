import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { channels, incidentStatuses, priorities, requestStatuses } from '@switchboard/service-desk/domain';

export const timestamp = z.iso.datetime();
export const access = z.enum(['full', 'read']).describe('`full`: the caller may change it; `read`: only read it.');
export const requestState = z.enum(requestStatuses);
export const incidentState = z.enum(incidentStatuses);
export const channel = z.enum(channels);
export const priority = z.enum(priorities).describe('P1 most urgent, P4 least; P3 until a manager sets one.');

export const clientRefAnswer = answerSchema(
  'ClientRef',
  z.object({ id: z.string(), name: z.string().describe('"Last First Middle", or the organisation.'), organisation: z.string().nullable(), phone: z.string() }),
);

export const statusChangeAnswer = answerSchema(
  'StatusChange',
  z.object({
    entityType: z.enum(['request', 'incident']),
    entityId: z.string(),
    revision: z.number().int(),
    eventType: z.string(),
    from: z.string().nullable().describe('Null for the creation.'),
    to: z.string(),
    by: z.string(),
    byName: z.string(),
    at: timestamp,
  }),
);

export const historyEntryAnswer = answerSchema(
  'HistoryEntry',
  z.object({
    revision: z.number().int(),
    eventType: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable().describe('Null when the state stayed (a reassignment, a department move).'),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    department: z.string().nullable().describe('Set on the registration and on each department move.'),
    previousDepartment: z.string().nullable(),
    reason: z.string().nullable().describe("The hold, closure or cancellation reason, the resolution, or the escalation's summary for L3."),
    assignedBy: z
      .enum(['manual', 'take', 'round-robin', 'least-loaded'])
      .nullable()
      .describe('On an assignment: a manager’s choice, a take from the queue, or automatic assignment (round robin, least loaded).'),
    priority: z.string().nullable().describe('On a priority change: the new priority.'),
    previousPriority: z.string().nullable().describe('On a priority change: the priority before.'),
    by: z.string(),
    byName: z.string(),
    at: timestamp,
  }),
);

export const numberedPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass it as `cursor` for the next page; null on the last.') });
