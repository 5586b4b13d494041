import type { QuestionKind, Questionnaire, QuestionnaireCreateBody } from '../api/surveys';

/** The questionnaire as the form edits it; question and option ids are kept across edits (results group by them). */
export interface OptionDraft {
  id: string;
  ru: string;
  en: string;
}
export interface QuestionDraft {
  id: string;
  kind: QuestionKind;
  ru: string;
  en: string;
  options: OptionDraft[];
}
export interface QuestionnaireDraft {
  id: string;
  name: string;
  titleRu: string;
  titleEn: string;
  questions: QuestionDraft[];
}

export const OPTIONS_MIN = 2;
export const OPTIONS_MAX = 9;
export const QUESTIONS_MAX = 20;
const CODE = /^[a-z0-9][a-z0-9-]{1,49}$/;

export const hasOptions = (kind: QuestionKind): boolean => kind === 'single' || kind === 'multiple';

/** The next id not taken, `q3`, `o2`: stable ids without asking the author for them. */
export function nextId(prefix: string, taken: readonly { id: string }[]): string {
  const used = new Set(taken.map((item) => item.id));
  let n = taken.length + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function emptyQuestion(taken: readonly { id: string }[], kind: QuestionKind = 'rating'): QuestionDraft {
  return { id: nextId('q', taken), kind, ru: '', en: '', options: hasOptions(kind) ? [emptyOption([]), emptyOption([{ id: 'o1' }])] : [] };
}

export const emptyOption = (taken: readonly { id: string }[]): OptionDraft => ({ id: nextId('o', taken), ru: '', en: '' });

export function draftOf(q?: Questionnaire): QuestionnaireDraft {
  if (!q) return { id: '', name: '', titleRu: '', titleEn: '', questions: [emptyQuestion([])] };
  return {
    id: q.id,
    name: q.name,
    titleRu: q.title.ru,
    titleEn: q.title.en,
    questions: q.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      ru: question.text.ru,
      en: question.text.en,
      options: (question.options ?? []).map((o) => ({ id: o.id, ru: o.text.ru, en: o.text.en })),
    })),
  };
}

export function bodyOf(draft: QuestionnaireDraft): QuestionnaireCreateBody {
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    title: { ru: draft.titleRu.trim(), en: draft.titleEn.trim() },
    questions: draft.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      text: { ru: q.ru.trim(), en: q.en.trim() },
      ...(hasOptions(q.kind) ? { options: q.options.map((o) => ({ id: o.id, text: { ru: o.ru.trim(), en: o.en.trim() } })) } : {}),
    })),
  };
}

/** Problems the API would name, by the same field paths (`questions.0.text.ru`), as translation keys: shown before sending. */
export function draftProblems(draft: QuestionnaireDraft, creating: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  const required = (field: string, value: string) => {
    if (value.trim() === '') problems[field] = 'surveys.form.required';
  };
  if (creating && !CODE.test(draft.id.trim())) problems.id = 'surveys.form.badCode';
  required('name', draft.name);
  required('title.ru', draft.titleRu);
  required('title.en', draft.titleEn);
  if (draft.questions.length === 0) problems.questions = 'surveys.form.noQuestions';
  if (draft.questions.length > QUESTIONS_MAX) problems.questions = 'surveys.form.tooManyQuestions';
  draft.questions.forEach((q, i) => {
    required(`questions.${i}.text.ru`, q.ru);
    required(`questions.${i}.text.en`, q.en);
    if (!hasOptions(q.kind)) return;
    if (q.options.length < OPTIONS_MIN || q.options.length > OPTIONS_MAX) problems[`questions.${i}.options`] = 'surveys.form.optionCount';
    q.options.forEach((o, j) => {
      required(`questions.${i}.options.${j}.text.ru`, o.ru);
      required(`questions.${i}.options.${j}.text.en`, o.en);
    });
  });
  return problems;
}

/** Move item `from` one place up (-1) or down (+1). */
export function moved<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
