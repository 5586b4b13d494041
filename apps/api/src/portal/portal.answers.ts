import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';
import { questionKinds } from '@switchboard/communications/domain';
import { requestStatuses } from '@switchboard/service-desk/domain';
import { timestamp } from '../http/shared.answers';

export const residentUnitAnswer = answerSchema('ResidentUnit', z.object({ unitId: z.string(), label: z.string(), siteSlug: z.string() }));

export const portalMeAnswer = answerSchema(
  'PortalMe',
  z.object({
    linked: z.boolean().describe('false: accept an invitation or claim by verified email first.'),
    client: z.object({ id: z.string(), name: z.string() }).optional(),
    units: z.array(residentUnitAnswer),
    ratingAvailable: z
      .boolean()
      .describe(
        'Whether the resident can rate closed requests here (a linked account); each request says whether it can be rated now (`GET /portal/requests/:id/rating`).',
      ),
  }),
);

export const portalAttachmentAnswer = answerSchema(
  'PortalAttachment',
  z.object({ kind: z.string(), fileId: z.string().describe('`portal:<id>`: GET /files/<id>.'), name: z.string().optional() }),
);

export const portalRequestItemAnswer = answerSchema(
  'PortalRequestItem',
  z.object({ id: z.string(), subject: z.string().nullable(), status: z.enum(requestStatuses), createdAt: timestamp, updatedAt: timestamp }),
);

export const portalRequestPageAnswer = answerSchema(
  'PortalRequestPage',
  z.object({ items: z.array(portalRequestItemAnswer), nextCursor: z.string().nullable() }),
);

export const portalRequestAnswer = answerSchema(
  'PortalRequest',
  z.object({
    id: z.string(),
    subject: z.string().nullable(),
    status: z.enum(requestStatuses),
    createdAt: timestamp,
    updatedAt: timestamp,
    conversation: z.array(
      z.object({
        kind: z.enum(['inbound', 'reply', 'notification']).describe('inbound: yours; reply: the management office’s.'),
        messageId: z.string(),
        text: z.string(),
        attachments: z.array(portalAttachmentAnswer),
        byName: z.string(),
        at: timestamp,
      }),
    ),
  }),
);

export const portalSubmittedAnswer = answerSchema(
  'PortalSubmitted',
  z.object({
    requestId: z.string(),
    duplicate: z.boolean().describe('true: this Idempotency-Key was stored before; nothing new was stored.'),
    position: z.string().nullable().describe('Pass as `minPosition` to read your own write.'),
  }),
);

export const portalFileAnswer = answerSchema('PortalFile', z.object({ fileId: z.string(), size: z.number().int(), contentType: z.string() }));

export const portalNoticeAnswer = answerSchema(
  'PortalNotice',
  z.object({ id: z.string(), communicationType: z.string(), text: z.string(), requestedAt: timestamp }),
);
export const portalNoticeListAnswer = answerSchema('PortalNoticeList', z.object({ items: z.array(portalNoticeAnswer) }));

export const portalInvitationAnswer = answerSchema(
  'PortalInvitation',
  z.object({
    invitationId: z.string(),
    channel: z.enum(['sms', 'email']),
    expiresAt: timestamp,
    communicationId: z.string().describe('The message through the sending point (GET /communications/{id}).'),
    link: z.string().describe('The link the client received; it may also be handed over in person.'),
  }),
);

export const invitationPreviewAnswer = answerSchema('InvitationPreview', z.object({ clientName: z.string(), expiresAt: timestamp }));
export const accountLinkAnswer = answerSchema('PortalAccountLink', z.object({ clientId: z.string() }));

const localizedText = z.object({ ru: z.string(), en: z.string() });

export const portalRatingAnswer = answerSchema(
  'PortalRating',
  z.object({
    requestId: z.string(),
    available: z.boolean().describe('Whether the request can be rated now.'),
    reason: z
      .enum(['not-closed', 'csat-off', 'pending'])
      .optional()
      .describe('Why not: not closed yet; the department collects no ratings; closed a moment ago (the survey is on its way: ask again).'),
    survey: z
      .object({
        communicationId: z.string(),
        language: z.enum(['ru', 'en']),
        questions: z.array(
          z.object({
            id: z.string(),
            kind: z.enum(questionKinds),
            text: localizedText,
            required: z.boolean(),
            options: z.array(z.object({ id: z.string(), text: localizedText })).optional(),
          }),
        ),
        answers: z.record(z.string(), z.unknown()).describe('By question id: the answer recorded so far (from any channel).'),
        completed: z.boolean().describe('Rated: no answer changes any more.'),
      })
      .optional()
      .describe('The closure’s CSAT survey, when available.'),
    duplicate: z.boolean().optional().describe('On a rating sent: true when it recorded nothing new (a retry, or the same answers again).'),
  }),
);
