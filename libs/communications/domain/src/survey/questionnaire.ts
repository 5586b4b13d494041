import type { ReferenceStatus } from '../reference/communication-type';

/** The languages a questionnaire is written in; the client's language picks one. */
export type SurveyLanguage = 'ru' | 'en';
export type LocalizedText = { readonly [L in SurveyLanguage]: string };

/**
 * The kinds of question [Вопрос анкеты]: a rating 1–5 (CSAT), a Net Promoter Score 0–10, one
 * option, several options, free text.
 */
export const questionKinds = ['rating', 'nps', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export interface QuestionOption {
  /** Stable within the question: answers name it, results count by it. */
  readonly id: string;
  readonly text: LocalizedText;
}

export interface Question {
  /** Stable within the questionnaire across versions: results of every version group by it. */
  readonly id: string;
  readonly kind: QuestionKind;
  readonly text: LocalizedText;
  /** For `single` and `multiple`: 2 to 9 options (a digit each in an SMS reply). */
  readonly options?: readonly QuestionOption[];
}

/** What an administrator writes: a questionnaire's name, title and questions. */
export interface QuestionnaireDraft {
  readonly name: string;
  readonly title: LocalizedText;
  readonly questions: readonly Question[];
}

/** A questionnaire [Анкета] as stored: versioned reference data; a survey keeps the version it was sent with. */
export interface Questionnaire extends QuestionnaireDraft {
  readonly id: string;
  readonly version: number;
  readonly status: ReferenceStatus;
}

export const QUESTIONNAIRE_NAME_MAX = 200;
export const QUESTIONNAIRE_TEXT_MAX = 1_000;
export const QUESTIONNAIRE_QUESTIONS_MAX = 20;
export const QUESTION_OPTIONS_MIN = 2;
/** One digit per option in an SMS reply. */
export const QUESTION_OPTIONS_MAX = 9;
export const FREE_TEXT_ANSWER_MAX = 2_000;
const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The questionnaire every department's automatic CSAT survey uses unless it names another; seeded by the migration. */
export const csatQuestionnaire: QuestionnaireDraft & { readonly id: string } = {
  id: 'csat',
  name: 'CSAT',
  title: { ru: 'Оценка обслуживания', en: 'How did we do?' },
  questions: [
    {
      id: 'csat',
      kind: 'rating',
      text: { ru: 'Оцените, как было решено ваше обращение, от 1 до 5', en: 'How satisfied are you with how your request was handled, 1 to 5?' },
    },
  ],
};

export interface QuestionnaireProblem {
  readonly field: string;
  readonly message: string;
}

function textProblems(field: string, text: LocalizedText | undefined, problems: QuestionnaireProblem[]): void {
  for (const language of ['ru', 'en'] as const) {
    const value = text?.[language];
    if (typeof value !== 'string' || value.trim() === '') problems.push({ field: `${field}.${language}`, message: 'required' });
    else if (value.length > QUESTIONNAIRE_TEXT_MAX) problems.push({ field: `${field}.${language}`, message: `at most ${QUESTIONNAIRE_TEXT_MAX} characters` });
  }
}

/** What is wrong with a questionnaire as written; empty when it can be saved. Pure. */
export function questionnaireProblems(draft: QuestionnaireDraft): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const name = draft.name.trim();
  if (name === '' || name.length > QUESTIONNAIRE_NAME_MAX) problems.push({ field: 'name', message: `1 to ${QUESTIONNAIRE_NAME_MAX} characters` });
  textProblems('title', draft.title, problems);
  if (draft.questions.length === 0) problems.push({ field: 'questions', message: 'at least one question' });
  if (draft.questions.length > QUESTIONNAIRE_QUESTIONS_MAX) problems.push({ field: 'questions', message: `at most ${QUESTIONNAIRE_QUESTIONS_MAX} questions` });
  const questionIds = new Set<string>();
  draft.questions.forEach((question, i) => {
    const field = `questions.${i}`;
    if (!ID.test(question.id)) problems.push({ field: `${field}.id`, message: 'letters, digits, "-" or "_", at most 32' });
    else if (questionIds.has(question.id)) problems.push({ field: `${field}.id`, message: `repeats ${question.id}` });
    questionIds.add(question.id);
    textProblems(`${field}.text`, question.text, problems);
    const choice = question.kind === 'single' || question.kind === 'multiple';
    if (!choice) {
      if (question.options !== undefined && question.options.length > 0)
        problems.push({ field: `${field}.options`, message: `a ${question.kind} question has no options` });
      return;
    }
    const options = question.options ?? [];
    if (options.length < QUESTION_OPTIONS_MIN || options.length > QUESTION_OPTIONS_MAX) {
      problems.push({ field: `${field}.options`, message: `${QUESTION_OPTIONS_MIN} to ${QUESTION_OPTIONS_MAX} options` });
    }
    const optionIds = new Set<string>();
    options.forEach((option, j) => {
      if (!ID.test(option.id)) problems.push({ field: `${field}.options.${j}.id`, message: 'letters, digits, "-" or "_", at most 32' });
      else if (optionIds.has(option.id)) problems.push({ field: `${field}.options.${j}.id`, message: `repeats ${option.id}` });
      optionIds.add(option.id);
      textProblems(`${field}.options.${j}.text`, option.text, problems);
    });
  });
  return problems;
}

/** The text in the client's language. */
export const localized = (text: LocalizedText, language: SurveyLanguage): string => text[language];
