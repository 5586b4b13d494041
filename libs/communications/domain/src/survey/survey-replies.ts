import { localized } from './questionnaire';
import type { Question, SurveyLanguage } from './questionnaire';
import { npsRange, ratingRange } from './survey-answer';
import type { SurveyAnswer } from './survey-answer';

/**
 * An SMS reply as an answer to the question it awaits: a digit for a rating (1–5), a number for a
 * score (0–10), an option's number for a single choice, numbers separated by spaces or commas
 * ("1 3") for a multiple choice. Anything else is not an answer (undefined): the message is the
 * client's, for an operator. Pure.
 */
export function parseSmsAnswer(question: Question, reply: string): SurveyAnswer | undefined {
  const text = reply.trim().replace(/[.!]+$/u, '');
  if (!/^\d{1,2}([\s,;]+\d{1,2})*$/u.test(text)) return undefined;
  const numbers = text.split(/[\s,;]+/u).map(Number);
  const options = question.options ?? [];
  switch (question.kind) {
    case 'rating':
      return numbers.length === 1 && numbers[0] >= ratingRange.min && numbers[0] <= ratingRange.max ? { kind: 'rating', value: numbers[0] } : undefined;
    case 'nps':
      return numbers.length === 1 && numbers[0] >= npsRange.min && numbers[0] <= npsRange.max ? { kind: 'nps', value: numbers[0] } : undefined;
    case 'single':
      return numbers.length === 1 && options[numbers[0] - 1] ? { kind: 'single', optionId: options[numbers[0] - 1].id } : undefined;
    case 'multiple': {
      if (numbers.some((n) => !options[n - 1])) return undefined;
      const ids = [...new Set(numbers)].map((n) => options[n - 1].id);
      return { kind: 'multiple', optionIds: ids };
    }
    case 'text':
      return undefined;
  }
}

/** A question as an SMS: the text, the numbered options or the range, and how to reply. */
export function smsQuestionText(question: Question, language: SurveyLanguage, title?: string): string {
  const lines = title ? [title, localized(question.text, language)] : [localized(question.text, language)];
  const options = question.options ?? [];
  if (question.kind === 'single' || question.kind === 'multiple') options.forEach((o, i) => lines.push(`${i + 1} - ${localized(o.text, language)}`));
  const hint: Record<Question['kind'], Record<SurveyLanguage, string>> = {
    rating: { ru: 'Ответьте цифрой от 1 до 5.', en: 'Reply with a digit from 1 to 5.' },
    nps: { ru: 'Ответьте числом от 0 до 10.', en: 'Reply with a number from 0 to 10.' },
    single: { ru: 'Ответьте цифрой варианта.', en: 'Reply with the digit of your choice.' },
    multiple: { ru: 'Ответьте цифрами вариантов через пробел, например "1 3".', en: 'Reply with the digits of your choices separated by spaces, e.g. "1 3".' },
    text: { ru: '', en: '' },
  };
  if (hint[question.kind][language]) lines.push(hint[question.kind][language]);
  return lines.join('\n');
}

/** Telegram allows at most 64 bytes of callback data per button. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** The "Unsubscribe" button of a marketing message. */
export const UNSUBSCRIBE_CALLBACK = 'unsub';

/**
 * A survey button's callback data: `sv:<communication id, 32 hex>:<question index>:<value>`, the
 * value `r4` (rating), `n9` (score), `o2` (an option's number), `t5` (multiple choice: toggle, the
 * selection as a bit mask after it) or `m5` (multiple choice: done with the selection). At most 43
 * bytes.
 */
export type SurveyCallback =
  | { readonly kind: 'answer'; readonly communicationId: string; readonly questionIndex: number; readonly value: SurveyCallbackValue }
  | { readonly kind: 'unsubscribe' };
export type SurveyCallbackValue =
  | { readonly kind: 'rating' | 'nps'; readonly value: number }
  | { readonly kind: 'option'; readonly index: number }
  | { readonly kind: 'toggle' | 'done'; readonly mask: number };

const UUID_HEX = /^[0-9a-f]{32}$/;
const valueCode: Record<SurveyCallbackValue['kind'], string> = { rating: 'r', nps: 'n', option: 'o', toggle: 't', done: 'm' };
const codeKind: Record<string, SurveyCallbackValue['kind']> = { r: 'rating', n: 'nps', o: 'option', t: 'toggle', m: 'done' };

export function surveyCallbackData(communicationId: string, questionIndex: number, value: SurveyCallbackValue): string {
  const hex = communicationId.replace(/-/g, '').toLowerCase();
  const number = value.kind === 'option' ? value.index : value.kind === 'toggle' || value.kind === 'done' ? value.mask : (value as { value: number }).value;
  return `sv:${hex}:${questionIndex}:${valueCode[value.kind]}${number}`;
}

/** The callback data of a button back to what it means; undefined for data that is not ours. Pure. */
export function parseSurveyCallback(data: string): SurveyCallback | undefined {
  if (data === UNSUBSCRIBE_CALLBACK) return { kind: 'unsubscribe' };
  const match = /^sv:([0-9a-f]{32}):(\d{1,2}):([rnotm])(\d{1,3})$/.exec(data);
  if (!match || !UUID_HEX.test(match[1])) return undefined;
  const hex = match[1];
  const communicationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const kind = codeKind[match[3]];
  const number = Number(match[4]);
  const value: SurveyCallbackValue =
    kind === 'option' ? { kind, index: number } : kind === 'toggle' || kind === 'done' ? { kind, mask: number } : { kind, value: number };
  return { kind: 'answer', communicationId, questionIndex: Number(match[2]), value };
}

/** A pressed button's value as an answer to its question; undefined when it does not fit (an old keyboard of an edited question). */
export function callbackAnswer(question: Question, value: SurveyCallbackValue): SurveyAnswer | undefined {
  const options = question.options ?? [];
  if ((value.kind === 'rating' || value.kind === 'nps') && value.kind === question.kind) return { kind: question.kind, value: value.value };
  if (value.kind === 'option' && question.kind === 'single' && options[value.index - 1]) return { kind: 'single', optionId: options[value.index - 1].id };
  if (value.kind === 'done' && question.kind === 'multiple') {
    const ids = options.filter((_, i) => (value.mask & (1 << i)) !== 0).map((o) => o.id);
    return ids.length > 0 ? { kind: 'multiple', optionIds: ids } : undefined;
  }
  return undefined;
}

/** An inline keyboard button. */
export interface MessageButton {
  readonly text: string;
  readonly data: string;
}

/** A question as a Telegram message: its text and its buttons, in rows (a multiple choice shows its selection as ✓). */
export function telegramQuestion(
  communicationId: string,
  questionIndex: number,
  question: Question,
  language: SurveyLanguage,
  options: { readonly title?: string; readonly mask?: number } = {},
): { text: string; buttons: MessageButton[][] } {
  const text = options.title ? `${options.title}\n\n${localized(question.text, language)}` : localized(question.text, language);
  const button = (label: string, value: SurveyCallbackValue): MessageButton => ({
    text: label,
    data: surveyCallbackData(communicationId, questionIndex, value),
  });
  switch (question.kind) {
    case 'rating':
      return { text, buttons: [[1, 2, 3, 4, 5].map((v) => button(String(v), { kind: 'rating', value: v }))] };
    case 'nps':
      return {
        text,
        buttons: [
          [0, 1, 2, 3, 4, 5].map((v) => button(String(v), { kind: 'nps', value: v })),
          [6, 7, 8, 9, 10].map((v) => button(String(v), { kind: 'nps', value: v })),
        ],
      };
    case 'single':
      return { text, buttons: (question.options ?? []).map((o, i) => [button(localized(o.text, language), { kind: 'option', index: i + 1 })]) };
    case 'multiple': {
      const mask = options.mask ?? 0;
      const rows = (question.options ?? []).map((o, i) => {
        const chosen = (mask & (1 << i)) !== 0;
        return [button(`${chosen ? '✓ ' : ''}${localized(o.text, language)}`, { kind: 'toggle', mask: mask ^ (1 << i) })];
      });
      rows.push([button(language === 'ru' ? 'Готово' : 'Done', { kind: 'done', mask })]);
      return { text, buttons: rows };
    }
    case 'text':
      return { text, buttons: [] };
  }
}
