import { z } from 'zod';
import { channels } from '@switchboard/service-desk/domain';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const registerRequestBody = z.object({
  subject: text(300),
  text: text(10_000).optional(),
  department: text(100).optional(),
  clientId: z.uuid('must be a client id (uuid)').optional(),
  contact: z
    .object({ channel: z.enum(channels), address: text(200), displayName: text(200).optional() })
    .optional(),
});

export const assignRequestBody = z.object({ assigneeId: text(100), department: text(100).optional() });

export const linkClientBody = z
  .object({
    clientId: z.uuid('must be a client id (uuid)').optional(),
    legacyClientId: z.number().int().positive().optional(),
    phone: text(40).optional(),
    client: z
      .object({ firstName: text(100).optional(), lastName: text(100).optional(), middleName: text(100).optional(), email: text(200).optional(), inn: text(12).optional(), organisation: text(300).optional() })
      .optional(),
  })
  .refine((b) => b.clientId || b.legacyClientId || b.phone, { message: 'give clientId, legacyClientId or phone', path: ['clientId'] });

export const linkOrderBody = z.object({
  orderCode: text(64),
  order: z.object({ name: text(300), cost: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal amount like "1234.50"') }).optional(),
});

export const replyBody = z.object({ text: text(4_000) });
export const escalateBody = z.object({ serviceCode: z.number().int().positive() });
export const closeRequestBody = z.object({ reason: text(1_000) });
