import { z } from 'zod';
import { PORTAL_FILES_PER_MESSAGE, portalContentTypes } from '@switchboard/portal/domain';
import { PLATE_MAX, VISITOR_NAME_MAX, passKinds } from '@switchboard/security-desk/domain';
import { bodySchema } from '@switchboard/platform';
import { QUESTIONNAIRE_QUESTIONS_MAX } from '@switchboard/communications/domain';
import { text } from '../http/inputs';
import { surveyAnswer } from '../communications/survey.bodies';

const fileIds = z
  .array(z.uuid('must be a file id from POST /portal/files'))
  .max(PORTAL_FILES_PER_MESSAGE, `at most ${PORTAL_FILES_PER_MESSAGE} files`)
  .default([])
  .describe('Files uploaded first through POST /portal/files.');

export const portalRequestBody = bodySchema(
  'PortalRequestBody',
  z.object({
    unitId: text(100).describe('One of your units (GET /portal/me).'),
    text: text(4000).describe('What happened, in your words.'),
    fileIds,
  }),
);

export const portalMessageBody = bodySchema('PortalMessageBody', z.object({ text: text(4000), fileIds }));

/** Base64 in JSON: one body shape for every client, validated like every other body (10 MiB decoded at most). */
export const portalFileBody = bodySchema(
  'PortalFileBody',
  z.object({
    name: z.string().trim().max(200).optional().describe('The file’s name on the device (shown to operators).'),
    contentType: z.enum(portalContentTypes).describe('What the file is; its first bytes must say the same.'),
    data: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
      .min(4, 'must not be empty')
      .describe('The file’s bytes, base64.'),
  }),
);

export const portalPassBody = bodySchema(
  'PortalPassBody',
  z
    .object({
      unitId: text(100).describe('One of your units.'),
      kind: z.enum(passKinds),
      visitorName: z.string().trim().max(VISITOR_NAME_MAX).optional(),
      plate: z.string().trim().max(PLATE_MAX).optional(),
      validFrom: z.iso.datetime({ offset: true }),
      validUntil: z.iso.datetime({ offset: true }),
      note: z.string().trim().max(500).optional(),
    })
    .refine((p) => (p.visitorName ?? '') !== '' || (p.plate ?? '') !== '', { message: 'needs a visitorName or a plate', path: ['visitorName'] }),
);

export const acceptInvitationBody = bodySchema('AcceptInvitationBody', z.object({ token: text(2000).describe('The token of the invitation link.') }));

export const portalInvitationBody = bodySchema(
  'PortalInvitationBody',
  z.object({ channel: z.enum(['sms', 'email']).optional().describe('Default: SMS when the client has a phone on file, else email.') }),
);

export const claimByEmailBody = bodySchema('ClaimByEmailBody', z.object({}).strict());

export const portalRatingBody = bodySchema(
  'PortalRatingBody',
  z.object({
    answers: z
      .array(z.object({ questionId: z.string().min(1).max(50), answer: surveyAnswer }))
      .min(1)
      .max(QUESTIONNAIRE_QUESTIONS_MAX)
      .describe('Answers to the questions of the request’s survey (`GET /portal/requests/:id/rating`).'),
    complete: z.boolean().optional().describe('Default true: the rating is sent and final (every required question answered). false: saved, still changeable.'),
  }),
);
