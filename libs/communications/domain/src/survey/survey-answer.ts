import { FREE_TEXT_ANSWER_MAX } from './questionnaire';
import type { Question } from './questionnaire';

/** One answer to one question, shaped by the question's kind. */
export type SurveyAnswer =
  | { readonly kind: 'rating'; readonly value: number }
  | { readonly kind: 'nps'; readonly value: number }
  | { readonly kind: 'single'; readonly optionId: string }
  | { readonly kind: 'multiple'; readonly optionIds: readonly string[] }
  | { readonly kind: 'text'; readonly text: string };

/** Where an answer came from: a Telegram button, an SMS reply, the public survey page (the email's link). */
export const surveyAnswerChannels = ['messenger', 'sms', 'web'] as const;
export type SurveyAnswerChannel = (typeof surveyAnswerChannels)[number];

export const ratingRange = { min: 1, max: 5 } as const;
export const npsRange = { min: 0, max: 10 } as const;

/** Why an answer does not fit its question; undefined when it does. Pure. */
export function answerProblem(question: Question, answer: SurveyAnswer): string | undefined {
  if (answer.kind !== question.kind) return `question ${question.id} takes a ${question.kind} answer, not ${answer.kind}`;
  const optionIds = new Set((question.options ?? []).map((o) => o.id));
  switch (answer.kind) {
    case 'rating':
      return Number.isInteger(answer.value) && answer.value >= ratingRange.min && answer.value <= ratingRange.max ? undefined : 'a rating is 1 to 5';
    case 'nps':
      return Number.isInteger(answer.value) && answer.value >= npsRange.min && answer.value <= npsRange.max ? undefined : 'a score is 0 to 10';
    case 'single':
      return optionIds.has(answer.optionId) ? undefined : `no option ${answer.optionId}`;
    case 'multiple': {
      if (answer.optionIds.length === 0) return 'choose at least one option';
      if (new Set(answer.optionIds).size !== answer.optionIds.length) return 'an option is chosen twice';
      const unknown = answer.optionIds.find((id) => !optionIds.has(id));
      return unknown === undefined ? undefined : `no option ${unknown}`;
    }
    case 'text': {
      const text = answer.text.trim();
      if (text === '') return 'the answer is empty';
      return text.length > FREE_TEXT_ANSWER_MAX ? `at most ${FREE_TEXT_ANSWER_MAX} characters` : undefined;
    }
  }
}

/** The same answer: a repeat records nothing (multiple choice compares the set, text the trimmed text). */
export function sameAnswer(a: SurveyAnswer, b: SurveyAnswer): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'rating':
    case 'nps':
      return a.value === (b as typeof a).value;
    case 'single':
      return a.optionId === (b as typeof a).optionId;
    case 'multiple': {
      const other = new Set((b as typeof a).optionIds);
      return a.optionIds.length === other.size && a.optionIds.every((id) => other.has(id));
    }
    case 'text':
      return a.text.trim() === (b as typeof a).text.trim();
  }
}

/** Free text is optional; every other question needs an answer before a survey completes. */
export const isRequired = (question: Question): boolean => question.kind !== 'text';

/** Telegram and SMS ask choice and score questions one at a time; free text is answered on the survey page only. */
export const askableOn = (question: Question, channel: SurveyAnswerChannel): boolean => channel === 'web' || question.kind !== 'text';

/** The answer stored as written: the trimmed text, the options in the questionnaire's order. */
export function normalizedAnswer(question: Question, answer: SurveyAnswer): SurveyAnswer {
  if (answer.kind === 'text') return { kind: 'text', text: answer.text.trim() };
  if (answer.kind === 'multiple') {
    const order = (question.options ?? []).map((o) => o.id);
    return { kind: 'multiple', optionIds: [...answer.optionIds].sort((x, y) => order.indexOf(x) - order.indexOf(y)) };
  }
  return answer;
}
