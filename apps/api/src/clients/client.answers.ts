import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import type { ClientCard, NumberedPage, OrderDto } from '@switchboard/read-models';
import { incidentListItemAnswer, requestListItemAnswer } from '../http/list-item.answers';
import { sameShape } from '../http/same-shape';
import { clientRefAnswer, numberedPage, timestamp } from '../http/shared.answers';

export const clientAnswer = answerSchema(
  'Client',
  z.object({
    id: z.string(),
    name: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    phone: z.string(),
    email: z.string().nullable(),
    inn: z.string().nullable(),
    organisation: z.string().nullable(),
    tags: z.array(z.string()).describe('Lower case, each once; what routing rules select by.'),
    legacyId: z.number().int().nullable(),
    revision: z.number().int().describe('Edits so far: the `If-Match` of the next edit (also the ETag).'),
  }),
);

export const orderAnswer = answerSchema(
  'Order',
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    cost: z.string().describe('Decimal as a string.'),
    createdAt: timestamp,
    client: clientRefAnswer,
  }),
);

export const clientChangeAnswer = answerSchema(
  'ClientChange',
  z.object({
    revision: z.number().int().describe('The client’s revision after the change.'),
    change: z.enum(['created', 'migrated', 'edited', 'order-added']),
    changes: z
      .record(z.string(), z.object({ from: z.string().nullable(), to: z.string().nullable() }))
      .describe('Field by field; an added order under `order`.'),
    by: z.string(),
    byName: z.string(),
    at: timestamp,
  }),
);

export const clientCardAnswer = answerSchema(
  'ClientCard',
  z.object({
    client: clientAnswer,
    orders: z.array(orderAnswer),
    requests: z.array(requestListItemAnswer),
    incidents: z.array(incidentListItemAnswer),
    history: z.array(clientChangeAnswer).describe('Every recorded change, oldest first.'),
  }),
);

const listedClient = z.object({
  source: z.enum(['ours', 'legacy']).describe('`legacy`: only in the LegacyDB; address it as `legacy-<legacyId>` (editing migrates it).'),
  id: z.string().optional(),
  legacyId: z.number().int().nullable().optional(),
  name: z.string().optional(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  recordedPhone: z.string().optional().describe('Legacy: the phone as the LegacyDB has it.'),
  email: z.string().nullable().optional(),
  inn: z.string().nullable().optional(),
  organisation: z.string().nullable().optional(),
  revision: z.number().int().optional(),
});

export const clientSearchAnswer = answerSchema(
  'ClientSearch',
  z.object({
    items: z.array(listedClient),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z
      .union([z.number().int(), z.literal('1000+')])
      .optional()
      .describe('Matches in all: exact up to 1,000, then the string "1000+". Absent when the answer is partial.'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
    partial: z.boolean().describe('The LegacyDB did not answer in time (or matched too many).'),
    partialReason: z.enum(['legacy-timeout', 'legacy-unreachable', 'legacy-truncated']).optional(),
  }),
);

export const editedClientAnswer = answerSchema('EditedClient', z.looseObject({ id: z.string(), revision: z.number().int().optional(), migrated: z.boolean() }));
export const createdClientAnswer = answerSchema('CreatedClient', z.object({ id: z.string(), source: z.string() }));
export const createdOrderAnswer = answerSchema('CreatedOrder', z.object({ id: z.string(), code: z.string(), source: z.string().optional() }));
export const orderPageAnswer = answerSchema('OrderPage', numberedPage(orderAnswer));

sameShape<z.output<typeof clientCardAnswer>, ClientCard>(true);
sameShape<z.output<typeof orderPageAnswer>, NumberedPage<OrderDto>>(true);
