import type { Question } from './questionnaire';
import type { SurveyAnswer } from './survey-answer';
import type { SurveySubject } from './survey-response.events';

export interface SurveyResponse extends SurveySubject {
  readonly exists: true;
  readonly communicationId: string;
  readonly questions: readonly Question[];
  /** By question id: the latest answer. */
  readonly answers: Readonly<Record<string, SurveyAnswer>>;
  readonly completed: boolean;
}

export type SurveyResponseState = { readonly exists: false } | SurveyResponse;

export const initialSurveyResponseState: SurveyResponseState = { exists: false };

/** The event stream of one survey communication's response. */
export const surveyResponseStreamId = (communicationId: string): string => `survey-response-${communicationId}`;
