import type { Question, SurveyLanguage } from './questionnaire';
import type { SurveyAnswer, SurveyAnswerChannel } from './survey-answer';

interface Base {
  /** The survey communication this response belongs to: one response per communication. */
  readonly communicationId: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
}

/** What a survey was sent with, for the results to group by. */
export interface SurveySubject {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly clientId: string;
  readonly department: string;
  readonly language: SurveyLanguage;
  /** When the survey is about a request (CSAT after closure): its id and service. */
  readonly requestId?: string;
  readonly serviceCode?: number;
}

export type SurveyResponseEvent =
  /** The survey was sent: the questions as they were in that version, so later edits never change what answers mean. */
  | { readonly type: 'SurveyOpened'; readonly data: Base & SurveySubject & { readonly questions: readonly Question[] } }
  | {
      readonly type: 'SurveyAnswerRecorded';
      readonly data: Base & {
        readonly questionId: string;
        readonly answer: SurveyAnswer;
        readonly channel: SurveyAnswerChannel;
        readonly requestId?: string;
      };
    }
  /** Every required question is answered (and, on Telegram and SMS, every question those channels ask). */
  | { readonly type: 'SurveyCompleted'; readonly data: Base & { readonly channel: SurveyAnswerChannel } };

export type SurveyResponseEventType = SurveyResponseEvent['type'];
