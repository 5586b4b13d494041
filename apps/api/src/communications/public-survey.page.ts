import { isRequired, localized } from '@switchboard/communications/domain';
import type { GivenAnswer, Question, SurveyAnswer, SurveyLanguage, SurveyResponse } from '@switchboard/communications/domain';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => entities[c] ?? c);

const words = {
  submit: { ru: 'Отправить', en: 'Submit' },
  optional: { ru: '(необязательно)', en: '(optional)' },
  thanks: { ru: 'Спасибо! Ваши ответы записаны.', en: 'Thank you! Your answers are recorded.' },
  used: { ru: 'Этот опрос уже пройден. Спасибо!', en: 'This survey has already been answered. Thank you!' },
  expired: { ru: 'Срок действия ссылки истёк.', en: 'This link has expired.' },
  invalid: { ru: 'Ссылка недействительна.', en: 'This link is not valid.' },
  missing: { ru: 'Ответьте, пожалуйста, на обязательные вопросы.', en: 'Please answer the required questions.' },
  unknown: { ru: 'Опрос не найден.', en: 'No such survey.' },
} as const;

export type PageMessage = keyof typeof words;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:1rem}legend{font-weight:600}label{display:inline-block;margin:.25rem .75rem .25rem 0}textarea{width:100%;min-height:5rem}.error{color:#b00020}button{padding:.5rem 1.5rem;font-size:1rem}';

function page(language: SurveyLanguage, title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** A page with one message and nothing to fill in: thanks, an expired or used link. Bilingual when the survey's language is not known. */
export function messagePage(message: PageMessage, language?: SurveyLanguage): string {
  if (language) return page(language, words[message][language], `<h1>${escape(words[message][language])}</h1>`);
  return page('ru', words[message].ru, `<h1>${escape(words[message].ru)}</h1><p lang="en">${escape(words[message].en)}</p>`);
}

function choices(question: Question, language: SurveyLanguage, answer: SurveyAnswer | undefined): string {
  const name = `q_${question.id}`;
  const radio = (value: string, label: string, checked: boolean) =>
    `<label><input type="radio" name="${name}" value="${escape(value)}"${checked ? ' checked' : ''}> ${escape(label)}</label>`;
  switch (question.kind) {
    case 'rating':
      return [1, 2, 3, 4, 5].map((v) => radio(String(v), String(v), answer?.kind === 'rating' && answer.value === v)).join('');
    case 'nps':
      return Array.from({ length: 11 }, (_, v) => radio(String(v), String(v), answer?.kind === 'nps' && answer.value === v)).join('');
    case 'single':
      return (question.options ?? []).map((o) => radio(o.id, localized(o.text, language), answer?.kind === 'single' && answer.optionId === o.id)).join('<br>');
    case 'multiple':
      return (question.options ?? [])
        .map((o) => {
          const checked = answer?.kind === 'multiple' && answer.optionIds.includes(o.id);
          return `<label><input type="checkbox" name="${name}" value="${escape(o.id)}"${checked ? ' checked' : ''}> ${escape(localized(o.text, language))}</label>`;
        })
        .join('<br>');
    case 'text':
      return `<textarea name="${name}" maxlength="2000">${answer?.kind === 'text' ? escape(answer.text) : ''}</textarea>`;
  }
}

/** The survey as a form in the client's language, answers so far filled in; posts back to the same address. */
export function surveyForm(response: SurveyResponse, title: string, problem?: PageMessage): string {
  const language = response.language;
  const fieldsets = response.questions
    .map((q) => {
      const optional = isRequired(q) ? '' : ` <small>${escape(words.optional[language])}</small>`;
      return `<fieldset><legend>${escape(localized(q.text, language))}${optional}</legend>${choices(q, language, response.answers[q.id])}</fieldset>`;
    })
    .join('');
  const error = problem ? `<p class="error" role="alert">${escape(words[problem][language])}</p>` : '';
  return page(
    language,
    title,
    `<h1>${escape(title)}</h1>${error}<form method="post">${fieldsets}<button type="submit">${escape(words.submit[language])}</button></form>`,
  );
}

/** A posted form's fields as answers: unanswered questions are left out, values that do not parse are left for the decider to refuse. */
export function answersFromForm(response: SurveyResponse, form: Record<string, unknown>): GivenAnswer[] {
  const answers: GivenAnswer[] = [];
  for (const q of response.questions) {
    const raw = form[`q_${q.id}`];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String).filter((v) => v.trim() !== '');
    if (values.length === 0) continue;
    const first = values[0];
    switch (q.kind) {
      case 'rating':
      case 'nps':
        answers.push({ questionId: q.id, answer: { kind: q.kind, value: Number(first) } });
        break;
      case 'single':
        answers.push({ questionId: q.id, answer: { kind: 'single', optionId: first } });
        break;
      case 'multiple':
        answers.push({ questionId: q.id, answer: { kind: 'multiple', optionIds: values } });
        break;
      case 'text':
        answers.push({ questionId: q.id, answer: { kind: 'text', text: first } });
        break;
    }
  }
  return answers;
}
