import { z } from 'zod';
import { questionKinds } from '@switchboard/communications/domain';
import { answerSchema } from '@switchboard/platform';
import { timestamp } from '../http/shared.answers';

const localizedText = z.object({ ru: z.string(), en: z.string() });
const question = z.object({
  id: z.string(),
  kind: z.enum(questionKinds),
  text: localizedText,
  options: z.array(z.object({ id: z.string(), text: localizedText })).optional(),
});

export const questionnaireAnswer = answerSchema(
  'Questionnaire',
  z.object({
    id: z.string(),
    name: z.string(),
    title: localizedText,
    questions: z.array(question),
    status: z.enum(['active', 'blocked']),
    version: z
      .number()
      .int()
      .describe('Every edit is a new version (the `If-Match` of the next edit, also the ETag); a survey keeps the version it was sent with.'),
    updatedBy: z.string(),
    updatedAt: timestamp,
  }),
);
export const questionnaireListAnswer = answerSchema('QuestionnaireList', z.object({ items: z.array(questionnaireAnswer) }));

export const surveySentAnswer = answerSchema(
  'SurveySent',
  z.object({
    communicationId: z.string().uuid().describe('The survey communication (follow it in /communications/{id}); answers are linked to it.'),
    appended: z.boolean().describe('False when this Idempotency-Key had sent it already.'),
  }),
);

export const surveySettingAnswer = answerSchema(
  'SurveySetting',
  z.object({
    department: z.string(),
    csatEnabled: z.boolean(),
    questionnaireId: z.string(),
    version: z.number().int().describe('0 for a department never set (CSAT off); the `If-Match` of the next edit.'),
    updatedBy: z.string().optional(),
    updatedAt: timestamp.optional(),
  }),
);
export const surveySettingListAnswer = answerSchema('SurveySettingList', z.object({ items: z.array(surveySettingAnswer) }));

export const surveyResultsAnswer = answerSchema(
  'SurveyResults',
  z.object({
    questionnaireId: z.string(),
    sent: z.number().int().describe('Surveys sent (requested) within the filter.'),
    answered: z.number().int().describe('Of those, with at least one answer.'),
    completed: z.number().int(),
    responseRate: z.number().describe('answered / sent, in %.'),
    questions: z.array(
      z.object({
        questionId: z.string(),
        kind: z.enum(questionKinds),
        text: localizedText,
        answered: z.number().int(),
        distribution: z
          .array(z.object({ value: z.string(), label: localizedText.optional(), count: z.number().int() }))
          .describe('Every value (1–5, 0–10, each option) with its count; empty for free text (see /free-text).'),
        average: z.number().optional().describe('Rating and NPS questions: the mean.'),
        nps: z.number().optional().describe('NPS questions: promoters (9–10) minus detractors (0–6), in % (−100 to 100).'),
        csat: z.number().optional().describe('Rating questions: the share of 4 and 5, in %.'),
      }),
    ),
  }),
);

export const surveyFreeTextAnswer = answerSchema(
  'SurveyFreeTextPage',
  z.object({
    items: z.array(
      z.object({
        communicationId: z.string(),
        questionId: z.string(),
        text: z.string(),
        department: z.string(),
        requestId: z.string().optional(),
        answeredAt: timestamp,
      }),
    ),
    nextOffset: z.number().int().optional().describe('The next page’s `offset`; absent on the last page.'),
  }),
);

export const publicSurveyAnswer = answerSchema(
  'PublicSurvey',
  z.object({
    language: z.enum(['ru', 'en']),
    title: z.string(),
    completed: z.boolean(),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(questionKinds),
        text: z.string(),
        required: z.boolean(),
        options: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
        answer: z.unknown().optional().describe('The answer recorded so far, if any.'),
      }),
    ),
  }),
);

export const surveyResponseAnswer = answerSchema(
  'SurveyResponse',
  z.object({
    communicationId: z.string().uuid(),
    questionnaireId: z.string(),
    questionnaireVersion: z.number().int().describe('The version the survey was sent with: its questions are these.'),
    clientId: z.string(),
    department: z.string(),
    language: z.enum(['ru', 'en']),
    requestId: z.string().optional().describe('The request the survey is about (CSAT after closure).'),
    serviceCode: z.number().int().optional(),
    questions: z.array(question),
    answers: z.record(z.string(), z.unknown()).describe('By question id: the latest answer (`{kind, value | optionId | optionIds | text}`).'),
    completed: z.boolean().describe('Completed surveys take no more answers.'),
  }),
);

export const surveyResponseListAnswer = answerSchema('SurveyResponseList', z.object({ items: z.array(surveyResponseAnswer).describe('Newest first.') }));
