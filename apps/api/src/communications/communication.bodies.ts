import { z } from 'zod';
import { communicationChannels, isClockTime, rateLimitUnits } from '@switchboard/communications/domain';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

const code = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,49}$/, 'must be 2–50 of a-z 0-9 - starting with a letter')
  .describe('A stable code, e.g. `personal`.');
const referenceStatus = z.enum(['active', 'blocked']).describe('A blocked entry is kept, but nothing new uses it.');
const channel = z.enum(communicationChannels);
const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const communicationTypeBody = bodySchema(
  'CommunicationTypeBody',
  z.object({
    code,
    name: text(100),
    status: referenceStatus,
    marketing: z.boolean().describe('A client may opt out of marketing types ("STOP").'),
    heldInQuietHours: z.boolean().describe('Waits for the end of the client’s quiet hours.'),
  }),
);

export const communicationTypeUpdateBody = bodySchema(
  'CommunicationTypeUpdateBody',
  z.object({ name: text(100), status: referenceStatus, marketing: z.boolean(), heldInQuietHours: z.boolean() }),
);

export const communicationChannelBody = bodySchema('CommunicationChannelBody', z.object({ name: text(100), status: referenceStatus }));

export const channelPreferenceBody = bodySchema(
  'ChannelPreferenceBody',
  z.object({
    channels: z
      .array(channel)
      .min(1, 'at least one channel')
      .max(communicationChannels.length)
      .refine((c) => new Set(c).size === c.length, 'each channel at most once')
      .describe('In order of preference; the next is tried when the client has no address on one or it is blocked.'),
  }),
);

export const rateLimitBody = bodySchema(
  'RateLimitBody',
  z
    .object({
      limit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000'),
      unit: z.enum(rateLimitUnits),
      units: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000'),
      types: z.array(code).max(50).optional().describe('The types it counts and holds; none: every type.'),
      overLimit: z.enum(['book', 'refuse']).optional().describe('Over the limit: booked for the first allowed time (default) or refused.'),
    })
    .refine((r) => r.units * { second: 1, minute: 60, hour: 3_600, day: 86_400 }[r.unit] <= 30 * 86_400, {
      path: ['units'],
      message: 'the window must be at most 30 days',
    }),
);

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 with a time zone.');

export const availabilityBody = bodySchema(
  'ClientAvailabilityBody',
  z.object({
    status: z.enum(['active', 'blocked']).describe('`blocked`: nothing reaches the client.'),
    blockedPeriods: z
      .array(
        z
          .object({ from: instant, to: instant.optional().describe('None: until lifted.') })
          .refine((p) => !p.to || Date.parse(p.to) > Date.parse(p.from), { path: ['to'], message: 'must be after from' }),
      )
      .max(50, 'at most 50 periods'),
    quietHours: z
      .object({
        start: z.string().refine(isClockTime, 'must be HH:MM'),
        end: z.string().refine(isClockTime, 'must be HH:MM'),
        timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Moscow'),
      })
      .optional()
      .describe('Local hours in which only types not held in quiet hours go.'),
    language: z.enum(['ru', 'en']),
    optedOut: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{1,49}$/, 'must be a type code or `marketing`'))
      .max(50)
      .describe('Type codes, or `marketing` for every marketing type.'),
    reason: z.string().max(500).optional().describe('Why, kept with the change.'),
  }),
);

export const communicationBody = bodySchema(
  'CommunicationBody',
  z.object({
    department: text(100),
    clientId: text(100).describe('The client (customer id).'),
    communicationType: code,
    text: text(4_000).describe('The message as the client reads it.'),
    channel: channel.optional().describe('The only channel it may go by; none: the department’s preference.'),
    sendAt: instant.optional().describe('Later than now: booked for then.'),
  }),
);

export const cancelCommunicationBody = bodySchema('CancelCommunicationBody', z.object({ reason: z.string().max(500).optional() }));
