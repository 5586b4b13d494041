import { z } from 'zod';
import { templateLanguages } from '@switchboard/communications/domain';
import { answerSchema } from '@switchboard/platform';
import { timestamp } from '../http/shared.answers';

export const communicationTemplateAnswer = answerSchema(
  'CommunicationTemplate',
  z.object({
    id: z.string(),
    name: z.string(),
    communicationType: z.string(),
    bodies: z.object({ ru: z.string().optional(), en: z.string().optional() }),
    variables: z.array(z.string()).describe('The variables its bodies use.'),
    version: z.number().int().describe('Moves with every change: the `If-Match` of an edit (also the ETag).'),
    updatedBy: z.string(),
    updatedAt: timestamp,
  }),
);

export const communicationTemplateListAnswer = answerSchema('CommunicationTemplateList', z.object({ items: z.array(communicationTemplateAnswer) }));

export const templatePreviewAnswer = answerSchema(
  'CommunicationTemplatePreview',
  z.object({
    text: z.string().describe('What the client would get: plain text, nothing escaped.'),
    language: z.enum(templateLanguages).describe('The language of the body used.'),
    fellBack: z.boolean().describe('True when the template has no body in the asked language and the other one was used.'),
  }),
);
