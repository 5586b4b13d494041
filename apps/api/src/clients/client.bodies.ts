import { z } from 'zod';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

/** Shapes only; the customers domain validates the content (E.164 phone, INN checksum, ...). */
export const createClientBody = bodySchema(
  'CreateClientBody',
  z.object({
    firstName: text(100),
    lastName: text(100),
    middleName: text(100).optional(),
    phone: text(40).describe('Any common notation; stored as E.164.'),
    email: text(200).optional(),
    inn: text(12).optional(),
    organisation: text(300).optional(),
    tags: z.array(text(50)).max(20, 'at most 20 tags').optional().describe('Labels ("vip", "key-account"); stored lower case, each once.'),
  }),
);

export const patchClientBody = bodySchema(
  'PatchClientBody',
  z
    .object({
      firstName: text(100).optional(),
      lastName: text(100).optional(),
      middleName: text(100).nullable().optional(),
      phone: text(40).optional(),
      email: text(200).nullable().optional(),
      inn: text(12).nullable().optional(),
      organisation: text(300).nullable().optional(),
      tags: z.array(text(50)).max(20, 'at most 20 tags').nullable().optional().describe('The whole list; null or [] clears it.'),
    })
    .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })
    .describe('The fields to change; null clears an optional one.'),
);

export const createOrderBody = bodySchema(
  'CreateOrderBody',
  z.object({
    code: text(64),
    name: text(300),
    cost: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal amount like "1234.50" (a string: money is never a float)'),
  }),
);
