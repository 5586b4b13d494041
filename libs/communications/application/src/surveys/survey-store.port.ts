import type { Questionnaire, QuestionnaireDraft, ReferenceStatus, SurveyLanguage } from '@switchboard/communications/domain';
import type { PolicyChange } from '../policies/communication-policies.port';

export type StoredQuestionnaire = Questionnaire & { readonly updatedBy: string; readonly updatedAt: string };

/** A department's automatic CSAT survey after a request closes: on or off, and with which questionnaire. */
export interface SurveyDepartmentSetting {
  readonly department: string;
  readonly csatEnabled: boolean;
  readonly questionnaireId: string;
  readonly version: number;
  readonly updatedBy?: string;
  readonly updatedAt?: string;
}

export interface SurveyResultsFilter {
  readonly department?: string;
  /** Departments the reader sees; undefined: every one. */
  readonly departments?: readonly string[];
  readonly serviceCode?: number;
  readonly from?: Date;
  readonly to?: Date;
}

/** Counts of one question's answers by value: a rating or score, or an option id. */
export interface QuestionCounts {
  readonly questionId: string;
  readonly answered: number;
  readonly counts: Readonly<Record<string, number>>;
}

export interface SurveyCounts {
  /** Surveys sent (requested from the sending point) within the filter. */
  readonly sent: number;
  /** Of those, with at least one answer. */
  readonly answered: number;
  readonly completed: number;
  readonly questions: readonly QuestionCounts[];
}

export interface FreeTextAnswer {
  readonly communicationId: string;
  readonly questionId: string;
  readonly text: string;
  readonly department: string;
  readonly requestId?: string;
  readonly answeredAt: string;
}

/** The latest survey sent by SMS to a phone. */
export interface SmsSurvey {
  readonly communicationId: string;
}

/** Questionnaires (versioned reference data), departments' CSAT settings and the results read model (ADR 0027). */
export interface SurveyStore {
  questionnaires(): Promise<StoredQuestionnaire[]>;
  questionnaire(id: string): Promise<StoredQuestionnaire | undefined>;
  /** One version as it was saved (a survey keeps the version it was sent with). */
  questionnaireVersion(id: string, version: number): Promise<Questionnaire | undefined>;
  /** Undefined: the id is taken. */
  createQuestionnaire(id: string, draft: QuestionnaireDraft, change: PolicyChange): Promise<StoredQuestionnaire | undefined>;
  /** A new version; `expected` is the If-Match (stale → StalePolicyError). */
  updateQuestionnaire(id: string, draft: QuestionnaireDraft, expected: number | undefined, change: PolicyChange): Promise<StoredQuestionnaire>;
  setQuestionnaireStatus(id: string, status: ReferenceStatus, expected: number | undefined, change: PolicyChange): Promise<StoredQuestionnaire>;

  settings(): Promise<SurveyDepartmentSetting[]>;
  /** The department's setting; a department never set has CSAT off with the seeded questionnaire. */
  setting(department: string): Promise<SurveyDepartmentSetting>;
  setSetting(
    department: string,
    setting: { readonly csatEnabled: boolean; readonly questionnaireId: string },
    expected: number | undefined,
    change: PolicyChange,
  ): Promise<SurveyDepartmentSetting>;

  counts(questionnaireId: string, filter: SurveyResultsFilter): Promise<SurveyCounts>;
  freeText(
    questionnaireId: string,
    filter: SurveyResultsFilter & { readonly questionId?: string },
    page: { limit: number; offset: number },
  ): Promise<FreeTextAnswer[]>;
  /** The surveys about a request (its communication ids), newest first, at most `limit`. */
  surveysOfRequest(requestId: string, limit: number): Promise<string[]>;
  /** The latest survey sent by SMS to this phone (E.164, as dispatched) within the reply window, completed or not. */
  latestSmsSurvey(phone: string): Promise<SmsSurvey | undefined>;
  /** A request's client, department and service from the requests' read model (to survey a request's client). */
  requestSubject(requestId: string): Promise<{ clientId?: string; department?: string; serviceCode?: number } | undefined>;
  /** The request's service (catalogue code) from the requests' read model. */
  serviceOfRequest(requestId: string): Promise<number | undefined>;
  /** The language of the client's availability (default ru). */
  languageOf(clientId: string): Promise<SurveyLanguage>;
}

export const SURVEY_STORE = Symbol('SurveyStore');
