import { z } from 'zod';
import { answerSchema, bodySchema } from '@switchboard/platform';
import { priorities, weekdays } from '@switchboard/service-desk/domain';
import { text } from '../http/inputs';
import { timestamp } from '../http/shared.answers';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (24:00 ends a day)');
const workingHours = z.object({ from: hhmm, to: hhmm });

const calendar = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('24x7') }),
    z.object({
      kind: z.literal('working-hours'),
      timeZone: text(64).describe('An IANA time zone, e.g. Europe/Berlin.'),
      hours: z.partialRecord(z.enum(weekdays), workingHours).describe('Working hours per weekday, local time; a day left out is a day off.'),
      holidays: z
        .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'))
        .max(400)
        .optional()
        .describe('Local dates without working time.'),
    }),
  ])
  .describe('When the SLA clock runs: around the clock, or in working hours of a time zone without holidays.');

const scope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('department'), department: text(100).describe('Requests of this help-desk department.') }),
    z.object({ kind: z.literal('service'), serviceCode: z.number().int().positive().describe('Incidents of this catalogue service.') }),
  ])
  .describe('Requests of a department (kept by its help-desk managers) or incidents of a service (kept by its work group’s L3 managers).');

const minutes = z.number().int().min(1).max(525_600);
const targets = z
  .partialRecord(z.enum(priorities), z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes }))
  .describe('Business minutes per priority to the first response and to resolution; a priority left out has no SLA.');

export const slaPolicyBody = bodySchema(
  'SlaPolicyBody',
  z.object({
    name: text(100),
    scope,
    calendar,
    targets,
    escalateOnBreach: z.boolean().optional().describe('A breach raises the item’s priority one step (default false).'),
  }),
);

export const slaPolicyAnswer = answerSchema(
  'SlaPolicy',
  z.object({
    id: z.string(),
    version: z.number().int().describe('Moves with every change: the `If-Match` of an edit or delete (also the ETag).'),
    name: z.string(),
    scope,
    calendar,
    targets,
    escalateOnBreach: z.boolean(),
    updatedBy: z.string(),
    updatedAt: timestamp,
    access: z.enum(['full', 'read']).describe('`full`: the caller keeps it (manages its department or the service’s work group).'),
  }),
);

export const slaPolicyListAnswer = answerSchema('SlaPolicyList', z.object({ items: z.array(slaPolicyAnswer) }));
