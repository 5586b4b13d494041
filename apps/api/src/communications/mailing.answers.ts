import { z } from 'zod';
import { communicationChannels, mailingStatuses } from '@switchboard/communications/domain';
import { answerSchema } from '@switchboard/platform';
import { timestamp } from '../http/shared.answers';

const summary = {
  id: z.string(),
  name: z.string(),
  department: z.string(),
  status: z.enum(mailingStatuses),
  templateId: z.string(),
  communicationType: z.string(),
  perMinute: z.number().int(),
  startAt: timestamp.optional(),
  recipients: z.number().int().optional().describe('The frozen recipient count, once started.'),
  createdBy: z.string(),
};

export const mailingListAnswer = answerSchema(
  'MailingList',
  z.object({ items: z.array(answerSchema('MailingSummary', z.object({ ...summary, createdAt: timestamp }))) }),
);

export const mailingProgressAnswer = answerSchema(
  'MailingProgress',
  z
    .object({
      total: z.number().int(),
      pending: z.number().int(),
      queued: z.number().int(),
      sent: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
      blocked: z.number().int(),
      cancelled: z.number().int(),
      skipped: z.number().int(),
    })
    .describe('Recipients by where they are: pending, skipped or cancelled here; the others by their communication’s status.'),
);

export const mailingRecipientAnswer = answerSchema(
  'MailingRecipient',
  z.object({
    clientId: z.string(),
    seq: z.number().int(),
    status: z.string().describe('pending, skipped, cancelled, or the communication’s status (NOT_SENT, BOOKED, DISPATCHED, SENT, DELIVERED, FAILED, BLOCKED).'),
    communicationId: z.string().optional(),
    reason: z.string().optional(),
  }),
);

export const mailingAnswer = answerSchema(
  'Mailing',
  z.object({
    ...summary,
    audience: z.record(z.string(), z.unknown()),
    variables: z.record(z.string(), z.string()).optional(),
    channel: z.enum(communicationChannels).optional(),
    revision: z.number().int(),
    progress: mailingProgressAnswer,
    recipientsPage: z.object({ items: z.array(mailingRecipientAnswer), nextAfterSeq: z.number().int().optional() }),
  }),
);
