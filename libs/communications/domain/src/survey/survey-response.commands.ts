import type { Question } from './questionnaire';
import type { SurveyAnswer, SurveyAnswerChannel } from './survey-answer';
import type { SurveySubject } from './survey-response.events';

interface Base {
  readonly by: string;
  readonly now: Date;
}

export interface GivenAnswer {
  readonly questionId: string;
  readonly answer: SurveyAnswer;
}

export type SurveyResponseCommand =
  | (Base & { readonly type: 'OpenSurvey'; readonly communicationId: string; readonly subject: SurveySubject; readonly questions: readonly Question[] })
  /**
   * One answer from a button or an SMS reply, or the whole page's answers; `complete` (the page's
   * submit) completes it and refuses when a required question is left unanswered.
   */
  | (Base & { readonly type: 'AnswerSurvey'; readonly answers: readonly GivenAnswer[]; readonly channel: SurveyAnswerChannel; readonly complete?: boolean });
