import { z } from 'zod';
import { TEMPLATE_BODY_MAX, templateLanguages } from '@switchboard/communications/domain';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

export const templateId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be 2 to 64 of a-z 0-9 and -, starting with a letter or digit')
  .describe('A stable name code refers to, e.g. `request-closed`.');

// Bodies are not trimmed: a template's spacing and line breaks are its text.
const body = z.string().max(TEMPLATE_BODY_MAX, `must be at most ${TEMPLATE_BODY_MAX} characters`);

const fields = {
  name: text(200).describe('What it is for, for the people who pick it.'),
  communicationType: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a communication type code, e.g. service')
    .describe('The communication type it is written for (`service`, `mass`, `survey`, ...).'),
  bodies: z
    .object({ ru: body.optional().describe('Russian text.'), en: body.optional().describe('English text.') })
    .strict()
    .describe('Plain text per language with `{{variable}}` placeholders; every language uses the same variables.'),
};

export const createTemplateBody = bodySchema(
  'CreateCommunicationTemplateBody',
  z.object({ id: templateId.optional().describe('Unset: a new uuid.'), ...fields }).strict(),
);

export const updateTemplateBody = bodySchema('UpdateCommunicationTemplateBody', z.object(fields).strict());

export const previewTemplateBody = bodySchema(
  'PreviewCommunicationTemplateBody',
  z
    .object({
      language: z.enum(templateLanguages).describe('The client’s language; a template without a body in it falls back to the other.'),
      variables: z
        .record(z.string().max(100), z.string().max(2_000))
        .refine((v) => Object.keys(v).length <= 50, 'at most 50 variables')
        .default({})
        .describe('A value for every variable of the template, and no others.'),
    })
    .strict(),
);
