import { z } from 'zod';
import { checkInRefusals, passIssuers, passKinds } from '@switchboard/security-desk/domain';
import { answerSchema } from '@switchboard/platform';
import { timestamp } from '../http/shared.answers';

export const passActions = ['check-in', 'check-out', 'revoke'] as const;

const passFields = {
  id: z.string(),
  siteSlug: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  residentPhone: z.string().optional(),
  kind: z.enum(passKinds),
  visitorName: z.string().optional(),
  plate: z.string().optional(),
  validFrom: timestamp,
  validUntil: timestamp,
  issuedAs: z.enum(passIssuers),
  note: z.string().optional(),
  createdBy: z.string(),
  revoked: z.boolean(),
  visits: z.number().int().describe('Entries so far.'),
  insideSince: timestamp.optional().describe('Set while the visitor is inside.'),
  insideBy: z.string().optional().describe('The guard who let them in.'),
  overstay: z.boolean().describe('Inside past the end of the window.'),
  refusal: z.enum(checkInRefusals).optional().describe('Why a check-in now would be refused.'),
  allowedActions: z.array(z.enum(passActions)).describe('What the caller may do with it now.'),
};

export const passAnswer = answerSchema(
  'Pass',
  z.object({
    ...passFields,
    revision: z.number().int().describe('The pass’s stream revision the answer shows (read models may lag behind a command’s answer).'),
  }),
);

export const passListAnswer = answerSchema('PassList', z.object({ items: z.array(passAnswer) }));

export const visitAnswer = answerSchema(
  'Visit',
  z.object({
    passId: z.string(),
    visit: z.number().int(),
    siteSlug: z.string(),
    unitLabel: z.string(),
    visitorName: z.string().optional(),
    plate: z.string().optional(),
    checkedInAt: timestamp,
    checkedInBy: z.string(),
    checkedOutAt: timestamp.optional(),
    checkedOutBy: z.string().optional(),
    overstay: z.boolean(),
  }),
);

export const dayLogAnswer = answerSchema('DayLog', z.object({ site: z.string(), from: timestamp, to: timestamp, items: z.array(visitAnswer) }));

export const unitContactsAnswer = answerSchema(
  'UnitContacts',
  z.object({
    items: z.array(
      answerSchema(
        'UnitContact',
        z.object({
          siteSlug: z.string(),
          unitId: z.string(),
          unitLabel: z.string(),
          residentPhones: z.array(z.string()).describe('Today’s residents’ phones (the estate’s residents, the clients’ phones).'),
          residentPhone: z.string().optional().describe('The first of them.'),
        }),
      ),
    ),
  }),
);

export const deskSitesAnswer = answerSchema('DeskSites', z.object({ sites: z.array(z.string()) }));
