import { z } from 'zod';

const field = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Shapes only; the customers domain validates the content (E.164 phone, INN checksum, ...). */
export const createClientBody = z.object({
  firstName: field(100),
  lastName: field(100),
  middleName: field(100).optional(),
  phone: field(40),
  email: field(200).optional(),
  inn: field(12).optional(),
  organisation: field(300).optional(),
});

export const patchClientBody = z
  .object({
    firstName: field(100).optional(),
    lastName: field(100).optional(),
    middleName: field(100).nullable().optional(),
    phone: field(40).optional(),
    email: field(200).nullable().optional(),
    inn: field(12).nullable().optional(),
    organisation: field(300).nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' });

export const createOrderBody = z.object({
  code: field(64),
  name: field(300),
  cost: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal amount like "1234.50" (a string: money is never a float)'),
});
