import { z } from 'zod';
import { communicationChannels, communicationStatuses, rateLimitUnits } from '@switchboard/communications/domain';
import { answerSchema } from '@switchboard/platform';
import { timestamp } from '../http/shared.answers';

const versioned = { version: z.number().int().describe('The `If-Match` of an edit (also the ETag).'), updatedBy: z.string(), updatedAt: timestamp };
const channel = z.enum(communicationChannels);

export const communicationTypeAnswer = answerSchema(
  'CommunicationType',
  z.object({ code: z.string(), name: z.string(), status: z.enum(['active', 'blocked']), marketing: z.boolean(), heldInQuietHours: z.boolean(), ...versioned }),
);
export const communicationTypeListAnswer = answerSchema('CommunicationTypeList', z.object({ items: z.array(communicationTypeAnswer) }));

export const communicationChannelAnswer = answerSchema(
  'CommunicationChannel',
  z.object({ code: channel, name: z.string(), status: z.enum(['active', 'blocked']), ...versioned }),
);
export const communicationChannelListAnswer = answerSchema('CommunicationChannelList', z.object({ items: z.array(communicationChannelAnswer) }));

export const channelPreferenceAnswer = answerSchema(
  'ChannelPreference',
  z.object({ department: z.string(), communicationType: z.string(), channels: z.array(channel), ...versioned }),
);
export const rateLimitAnswer = answerSchema(
  'RateLimit',
  z.object({
    id: z.string(),
    department: z.string(),
    limit: z.number().int(),
    unit: z.enum(rateLimitUnits),
    units: z.number().int(),
    types: z.array(z.string()).optional(),
    overLimit: z.enum(['book', 'refuse']),
    ...versioned,
  }),
);
export const departmentPoliciesAnswer = answerSchema(
  'DepartmentCommunicationPolicies',
  z.object({
    department: z.string(),
    preferences: z.array(channelPreferenceAnswer),
    rateLimits: z.array(rateLimitAnswer),
    access: z.enum(['full', 'read']).describe('`full`: the caller may change them.'),
  }),
);

export const availabilityAnswer = answerSchema(
  'ClientAvailability',
  z.object({
    clientId: z.string(),
    status: z.enum(['active', 'blocked']),
    blockedPeriods: z.array(z.object({ from: timestamp, to: timestamp.optional() })),
    quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).optional(),
    language: z.enum(['ru', 'en']),
    optedOut: z.array(z.string()),
    version: z.number().int().describe('0: never set (the defaults); the `If-Match` of an edit (also the ETag).'),
    updatedBy: z.string().optional(),
    updatedAt: timestamp.optional(),
    changes: z
      .array(z.object({ version: z.number().int(), change: z.string(), reason: z.string().optional(), by: z.string(), at: timestamp }))
      .describe('Every change, newest first (who, when, why).'),
  }),
);

const status = z.enum(communicationStatuses);

export const communicationListItemAnswer = answerSchema(
  'CommunicationListItem',
  z.object({
    id: z.string(),
    department: z.string(),
    clientId: z.string(),
    communicationType: z.string(),
    channel: z.string().optional(),
    status,
    text: z.string(),
    bookedUntil: timestamp.optional(),
    reason: z.string().optional(),
    requestedBy: z.string(),
    requestedAt: timestamp,
    updatedAt: timestamp,
  }),
);
export const communicationListAnswer = answerSchema('CommunicationList', z.object({ items: z.array(communicationListItemAnswer) }));

export const communicationAnswer = answerSchema(
  'Communication',
  z.object({
    id: z.string(),
    department: z.string(),
    clientId: z.string(),
    communicationType: z.string(),
    status,
    text: z.string(),
    channel: channel.optional(),
    address: z.string().optional(),
    bookedUntil: timestamp.optional(),
    revision: z.number().int().describe('The ETag.'),
    mayCancel: z.boolean(),
    history: z.array(
      z.object({
        type: z.string(),
        revision: z.number().int(),
        by: z.string(),
        at: timestamp,
        data: z.record(z.string(), z.unknown()).describe('What the event says besides who and when (channel, reason, rule, until).'),
      }),
    ),
  }),
);

export const communicationAcceptedAnswer = answerSchema('CommunicationAccepted', z.object({ id: z.string(), status, bookedUntil: timestamp.optional() }));
