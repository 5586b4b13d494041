import { z } from 'zod';
import { PLATE_MAX, VISITOR_NAME_MAX, passKinds } from '@switchboard/security-desk/domain';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a site slug (lower case, digits, dashes)');

export const passBody = bodySchema(
  'PassBody',
  z
    .object({
      siteSlug: slug.describe('The site [объект] (a group under /sites).'),
      unitId: text(100).describe('The unit’s id in the estate (its label is copied from the estate).'),
      residentPhone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{5,25}$/, 'must be a phone number')
        .optional()
        .describe('The phone the guard calls about this visitor; default: today’s resident’s phone from the estate (copied onto the pass).'),
      kind: z.enum(passKinds).describe('one-time: one entry; permanent: any number of entries within the window.'),
      visitorName: z.string().trim().max(VISITOR_NAME_MAX).optional(),
      plate: z.string().trim().max(PLATE_MAX).optional().describe('Any format; Cyrillic or Latin letters.'),
      validFrom: z.iso.datetime({ offset: true }),
      validUntil: z.iso.datetime({ offset: true }),
      note: z.string().trim().max(500).optional(),
    })
    .refine((p) => (p.visitorName ?? '') !== '' || (p.plate ?? '') !== '', { message: 'needs a visitorName or a plate', path: ['visitorName'] }),
);

export const revokePassBody = bodySchema('RevokePassBody', z.object({ reason: z.string().trim().max(500).optional() }));

export const visitStepBody = bodySchema(
  'VisitStepBody',
  z.object({
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the guard let the visitor in (or out); a check-in made offline is sent with the time it was made. Default: now.'),
  }),
);
