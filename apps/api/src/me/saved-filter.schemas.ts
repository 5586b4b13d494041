import { z } from 'zod';
import { answerSchema, bodySchema, describedAs, openApiSchema } from '@switchboard/platform';
import type { SavedFilter } from '@switchboard/read-models';
import { sameShape } from '../http/same-shape';
import { text } from '../http/inputs';
import { timestamp } from '../http/shared.answers';
import { incidentListFilters } from '../incidents/incident-list.params';
import { requestListFilters } from '../requests/request-list.params';

const MAX_FILTERS_BYTES = 4_096;

/**
 * A list's filters as the client sends them to the list: validated by the list's own query schema
 * (no key it does not know, no value it would refuse) and kept as sent.
 */
const filtersOf = (list: z.ZodObject) =>
  describedAs(
    z
      .record(z.string(), z.unknown())
      .superRefine((filters, ctx) => {
        const checked = list.strict().safeParse(filters);
        if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      })
      .refine((filters) => Buffer.byteLength(JSON.stringify(filters)) <= MAX_FILTERS_BYTES, { message: `must be at most ${MAX_FILTERS_BYTES} bytes as JSON` }),
    { ...openApiSchema(list, 'input'), additionalProperties: false },
  );

const name = text(100);

export const saveFilterBody = bodySchema(
  'SaveFilterBody',
  z.discriminatedUnion('resource', [
    z.object({ resource: z.literal('requests'), name, filters: filtersOf(requestListFilters) }),
    z.object({ resource: z.literal('incidents'), name, filters: filtersOf(incidentListFilters) }),
  ]),
);

export const savedFilterAnswer = answerSchema(
  'SavedFilter',
  z.object({
    id: z.string(),
    resource: z.enum(['requests', 'incidents']),
    name: z.string(),
    filters: z.record(z.string(), z.unknown()).describe('The query parameters of the list, as saved.'),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
);

export const savedFiltersAnswer = answerSchema('SavedFilters', z.object({ items: z.array(savedFilterAnswer) }));

sameShape<z.output<typeof savedFilterAnswer>, SavedFilter>(true);
