import { z } from 'zod';
import { communicationChannels, MAILING_PER_MINUTE_MAX, MAILING_TAGS_MAX } from '@switchboard/communications/domain';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

const audience = z
  .object({
    department: text(100).optional().describe('Clients with requests in this department.'),
    serviceCode: z
      .number()
      .int('must be a whole number')
      .positive('must be positive')
      .optional()
      .describe('Clients with requests or incidents on this service.'),
    tags: z
      .object({
        match: z.enum(['any', 'all']),
        values: z.array(text(40)).min(1, 'at least one tag').max(MAILING_TAGS_MAX, `at most ${MAILING_TAGS_MAX} tags`),
      })
      .optional()
      .describe('Clients with any (or all) of these tags.'),
    order: z
      .object({ codePrefix: text(50).optional() })
      .optional()
      .describe('Clients with an order (whose code starts with `codePrefix`, when given).'),
    estate: z
      .union([z.object({ siteId: z.uuid() }).strict(), z.object({ buildingId: z.uuid() }).strict(), z.object({ entranceId: z.uuid() }).strict()])
      .optional()
      .describe('Clients living (a residency that holds when the mailing starts) in a unit of this site, building or entrance: building-wide notices.'),
  })
  .refine((a) => a.department !== undefined || a.serviceCode !== undefined || a.tags !== undefined || a.order !== undefined || a.estate !== undefined, {
    message: 'needs at least one filter (department, serviceCode, tags, order or estate)',
  })
  .describe('Every filter given must hold; resolved into a frozen recipient list when the mailing starts.');

export const mailingBody = bodySchema(
  'MailingBody',
  z.object({
    name: text(200),
    department: text(100).describe('The department it is sent from (its policies and limits apply).'),
    audience,
    templateId: text(100).describe('A communication template; rendered per recipient in their language.'),
    variables: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), z.string().max(1_000)).optional(),
    communicationType: z.string().regex(/^[a-z][a-z0-9-]{1,49}$/, 'must be a type code'),
    channel: z.enum(communicationChannels).optional().describe('The only channel it may go by; none: the department’s preference.'),
    startAt: z.iso.datetime({ offset: true }).optional().describe('Not before this time; none: as soon as it is started.'),
    perMinute: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAILING_PER_MINUTE_MAX, `must be at most ${MAILING_PER_MINUTE_MAX}`)
      .describe('Throttle: at most this many communications requested per minute.'),
  }),
);

export const cancelMailingBody = bodySchema('CancelMailingBody', z.object({ reason: z.string().max(500).optional() }));

/** Start, pause and resume take nothing but the mailing's id: an empty body (or none). */
export const mailingStepBody = bodySchema('MailingStepBody', z.object({}).strict());
