import { z } from 'zod';
import {
  FREE_TEXT_ANSWER_MAX,
  QUESTION_OPTIONS_MAX,
  QUESTIONNAIRE_NAME_MAX,
  QUESTIONNAIRE_QUESTIONS_MAX,
  QUESTIONNAIRE_TEXT_MAX,
  communicationChannels,
  questionKinds,
} from '@switchboard/communications/domain';
import { bodySchema } from '@switchboard/platform';
import { text } from '../http/inputs';

const localizedText = z
  .object({ ru: text(QUESTIONNAIRE_TEXT_MAX), en: text(QUESTIONNAIRE_TEXT_MAX) })
  .describe('The text in Russian and English; the client’s language picks one.');
const itemId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 of A-Z a-z 0-9 _ -')
  .describe('Stable across versions: results group by it.');

const question = z.object({
  id: itemId,
  kind: z.enum(questionKinds).describe('rating 1–5, nps 0–10, single or multiple choice, free text (optional, answered on the survey page only).'),
  text: localizedText,
  options: z
    .array(z.object({ id: itemId, text: localizedText }))
    .max(QUESTION_OPTIONS_MAX)
    .optional()
    .describe(`For single and multiple choice: 2 to ${QUESTION_OPTIONS_MAX} options (a digit each in an SMS reply).`),
});

const questionnaireFields = {
  name: text(QUESTIONNAIRE_NAME_MAX),
  title: localizedText,
  questions: z.array(question).min(1).max(QUESTIONNAIRE_QUESTIONS_MAX),
};

export const questionnaireCreateBody = bodySchema(
  'QuestionnaireCreateBody',
  z.object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,49}$/, 'must be 2–50 of a-z 0-9 - starting with a letter or digit')
      .describe('A stable code, e.g. `after-visit`.'),
    ...questionnaireFields,
  }),
);

export const questionnaireUpdateBody = bodySchema('QuestionnaireUpdateBody', z.object(questionnaireFields));

export const questionnaireStatusBody = bodySchema(
  'QuestionnaireStatusBody',
  z.object({ status: z.enum(['active', 'blocked']).describe('A blocked questionnaire is kept, but no new survey uses it.') }),
);

export const surveySendBody = bodySchema(
  'SurveySendBody',
  z
    .object({
      questionnaireId: z.string().min(1).max(50),
      clientId: z.string().min(1).max(200).optional().describe('The client to survey; or give `requestId` to survey that request’s client.'),
      requestId: z
        .string()
        .uuid()
        .optional()
        .describe('The request the survey is about: its client (unless `clientId`), department and service; answers are linked to it.'),
      department: text(100).optional().describe('The department it is sent from; default the request’s.'),
      communicationType: z
        .enum(['survey', 'commercial-survey'])
        .optional()
        .describe('`survey` (default) or `commercial-survey` (marketing: an opt-out silences it).'),
      channel: z.enum(communicationChannels).optional().describe('The channel it must go by; absent: the department’s preferred channels.'),
      sendAt: z.iso.datetime({ offset: true }).optional().describe('Book it for this time instead of now.'),
    })
    .refine((b) => b.clientId !== undefined || b.requestId !== undefined, { message: 'give clientId or requestId', path: ['clientId'] }),
);

export const surveySettingBody = bodySchema(
  'SurveySettingBody',
  z.object({
    csatEnabled: z.boolean().describe('Send the CSAT survey to a request’s client when the request closes.'),
    questionnaireId: z.string().min(1).max(50).describe('The questionnaire of that survey (seeded: `csat`).'),
  }),
);

/** One answer, shaped by its question's kind (the public page and the portal's rating). */
export const surveyAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rating'), value: z.number().int().min(1).max(5) }),
  z.object({ kind: z.literal('nps'), value: z.number().int().min(0).max(10) }),
  z.object({ kind: z.literal('single'), optionId: itemId }),
  z.object({ kind: z.literal('multiple'), optionIds: z.array(itemId).min(1).max(QUESTION_OPTIONS_MAX) }),
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(FREE_TEXT_ANSWER_MAX) }),
]);

export const surveyAnswersBody = bodySchema(
  'SurveyAnswersBody',
  z.object({
    answers: z
      .array(z.object({ questionId: itemId, answer: surveyAnswer }))
      .min(1)
      .max(QUESTIONNAIRE_QUESTIONS_MAX),
    complete: z.boolean().optional().describe('Submit: completes the survey (every question but free text answered), after which no answer changes.'),
  }),
);
