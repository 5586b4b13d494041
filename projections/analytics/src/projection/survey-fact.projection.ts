import type { SurveyResponseEvent } from '@switchboard/communications/domain';
import type { SurveyAnswerRow, SurveySentRow } from './analytics-rows';
import { toUnixSeconds } from './analytics-rows';

export const SURVEY_STREAM_PREFIX = 'survey-response-';
const surveyEventTypes = new Set(['SurveyOpened', 'SurveyAnswerRecorded', 'SurveyCompleted']);

/** A survey response's event, or undefined for anything else. */
export function asSurveyEvent(event: { readonly type: string; readonly data: unknown }): SurveyResponseEvent | undefined {
  return surveyEventTypes.has(event.type) ? ({ type: event.type, data: event.data } as SurveyResponseEvent) : undefined;
}

/**
 * The survey rows one event adds (ADR 0027): a survey sent, or a question's answer (the row of a
 * changed answer replaces the earlier one by its revision). Stateless: a replayed event writes the
 * same row again, which ReplacingMergeTree keeps once.
 */
export function projectSurveyEvent(event: SurveyResponseEvent, revision: number): { sent?: SurveySentRow; answer?: SurveyAnswerRow } {
  switch (event.type) {
    case 'SurveyOpened': {
      const d = event.data;
      return {
        sent: {
          communication_id: d.communicationId,
          questionnaire_id: d.questionnaireId,
          questionnaire_version: d.questionnaireVersion,
          department: d.department,
          service_code: d.serviceCode ?? 0,
          request_id: d.requestId ?? '',
          client_id: d.clientId,
          language: d.language,
          sent_at: toUnixSeconds(d.at),
          revision,
        },
      };
    }
    case 'SurveyAnswerRecorded': {
      const d = event.data;
      const a = d.answer;
      return {
        answer: {
          communication_id: d.communicationId,
          question_id: d.questionId,
          kind: a.kind,
          score: a.kind === 'rating' || a.kind === 'nps' ? a.value : -1,
          options: a.kind === 'single' ? [a.optionId] : a.kind === 'multiple' ? [...a.optionIds] : [],
          has_text: a.kind === 'text' ? 1 : 0,
          channel: d.channel,
          answered_at: toUnixSeconds(d.at),
          revision,
        },
      };
    }
    case 'SurveyCompleted':
      return {};
  }
}
