import { z } from 'zod';
import { bodySchema } from '@switchboard/platform';
import { channels } from '@switchboard/service-desk/domain';
import { text } from '../http/inputs';

export const registerRequestBody = bodySchema(
  'RegisterRequestBody',
  z.object({
    subject: text(300),
    text: text(10_000).optional().describe('The first message, in the operator’s words.'),
    department: text(100).optional().describe('Default: the operator’s department; only one the operator is in.'),
    clientId: z.uuid('must be a client id (uuid)').optional(),
    contact: z
      .object({ channel: z.enum(channels), address: text(200), displayName: text(200).optional() })
      .optional()
      .describe('The client’s contact (default: the operator); with a clientId it must not be another client’s.'),
    unitId: z.uuid('must be a unit id (uuid)').optional().describe('The estate unit the request is about (its building is taken with it).'),
    buildingId: z.uuid('must be a building id (uuid)').optional().describe('The building the request is about (its common areas), when no unit is given.'),
  }),
);

export const assignRequestBody = bodySchema(
  'AssignRequestBody',
  z.object({
    assigneeId: text(100).describe('A help-desk operator of the request’s department, or a technician of its site: user id or username.'),
    department: text(100).optional().describe('Moves the request to this department (help-desk managers only; a department of the directory).'),
  }),
);

export const linkClientBody = bodySchema(
  'LinkClientBody',
  z
    .object({
      clientId: z.uuid('must be a client id (uuid)').optional(),
      legacyClientId: z.number().int().positive().optional(),
      phone: text(40).optional(),
      client: z
        .object({
          firstName: text(100).optional(),
          lastName: text(100).optional(),
          middleName: text(100).optional(),
          email: text(200).optional(),
          inn: text(12).optional(),
          organisation: text(300).optional(),
        })
        .optional(),
    })
    .refine((b) => b.clientId || b.legacyClientId || b.phone, { message: 'give clientId, legacyClientId or phone', path: ['clientId'] }),
);

export const linkOrderBody = bodySchema(
  'LinkOrderBody',
  z.object({
    orderCode: text(64),
    order: z
      .object({ name: text(300), cost: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal amount like "1234.50"') })
      .optional()
      .describe('To create the order when nobody has it.'),
  }),
);

export const replyBody = bodySchema('ReplyBody', z.object({ text: text(4_000) }));
export const escalateBody = bodySchema(
  'EscalateBody',
  z.object({
    serviceCode: z.number().int().positive().describe('A service of the catalogue (GET /services).'),
    summary: text(5_000)
      .optional()
      .describe("What L3 needs to know, in the operator's words: the reason of the escalation in the history, shown on the incident."),
  }),
);
export const closeRequestBody = bodySchema('CloseRequestBody', z.object({ reason: text(1_000) }));
