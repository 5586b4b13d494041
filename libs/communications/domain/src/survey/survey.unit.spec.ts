import { deciderSpec } from '@switchboard/kernel/testing';
import { csatQuestionnaire, questionnaireProblems } from './questionnaire';
import type { SurveyAnswer } from './survey-answer';
import type { Question, QuestionnaireDraft } from './questionnaire';
import {
  CALLBACK_DATA_MAX_BYTES,
  callbackAnswer,
  parseSmsAnswer,
  parseSurveyCallback,
  smsQuestionText,
  surveyCallbackData,
  telegramQuestion,
} from './survey-replies';
import { averageScore, csatScore, npsScore, responseRate } from './survey-results';
import { nextQuestion, surveyResponseDecider } from './survey-response.decider';
import type { SurveyResponseCommand } from './survey-response.commands';
import { SurveyResponseError } from './survey-response-errors';
import type { SurveyResponseEvent, SurveySubject } from './survey-response.events';

const communicationId = '6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b';
const now = new Date('2026-12-08T10:00:00.000Z');
const at = now.toISOString();
const by = 'client:telegram';
const t = (en: string) => ({ ru: `ru ${en}`, en });

const questions: Question[] = [
  { id: 'csat', kind: 'rating', text: t('How did we do?') },
  { id: 'nps', kind: 'nps', text: t('Would you recommend us?') },
  {
    id: 'why',
    kind: 'single',
    text: t('What mattered most?'),
    options: [
      { id: 'speed', text: t('Speed') },
      { id: 'care', text: t('Care') },
    ],
  },
  {
    id: 'which',
    kind: 'multiple',
    text: t('Which channels do you use?'),
    options: [
      { id: 'tg', text: t('Telegram') },
      { id: 'sms', text: t('SMS') },
      { id: 'mail', text: t('Email') },
    ],
  },
  { id: 'comment', kind: 'text', text: t('Anything else?') },
];
const subject: SurveySubject = {
  questionnaireId: 'q-1',
  questionnaireVersion: 2,
  clientId: 'client-1',
  department: 'first-line',
  language: 'en',
  requestId: 'req-1',
  serviceCode: 101,
};
const opened: SurveyResponseEvent = { type: 'SurveyOpened', data: { communicationId, by: 'system:surveys', at, ...subject, questions } };
const spec = deciderSpec(surveyResponseDecider);
const answer = (questionId: string, a: SurveyAnswer, channel: 'messenger' | 'sms' | 'web' = 'messenger') =>
  ({ type: 'AnswerSurvey', answers: [{ questionId, answer: a }], channel, by, now }) as SurveyResponseCommand;
const recorded = (questionId: string, a: unknown, channel = 'messenger'): SurveyResponseEvent =>
  ({ type: 'SurveyAnswerRecorded', data: { communicationId, by, at, questionId, answer: a, channel, requestId: 'req-1' } }) as SurveyResponseEvent;

describe('a survey response', () => {
  it('opens once with the questions of the version sent, and a second open changes nothing', () => {
    const open: SurveyResponseCommand = { type: 'OpenSurvey', communicationId, subject, questions, by: 'system:surveys', now };
    spec.given([]).when(open).then([opened]);
    spec.given([opened]).when(open).then([]);
  });

  it('records an answer linked to the request, and the same answer again records nothing', () => {
    spec
      .given([opened])
      .when(answer('csat', { kind: 'rating', value: 4 }))
      .then([recorded('csat', { kind: 'rating', value: 4 })]);
    spec
      .given([opened, recorded('csat', { kind: 'rating', value: 4 })])
      .when(answer('csat', { kind: 'rating', value: 4 }))
      .then([]);
  });

  it('lets a client change an answer before completion: the latest counts', () => {
    spec
      .given([opened, recorded('csat', { kind: 'rating', value: 4 })])
      .when(answer('csat', { kind: 'rating', value: 2 }))
      .then([recorded('csat', { kind: 'rating', value: 2 })]);
  });

  it('refuses an answer that does not fit its question, or a question it does not have', () => {
    spec
      .given([opened])
      .when(answer('csat', { kind: 'rating', value: 6 }))
      .thenThrows(SurveyResponseError, { rule: 'invalid-answer' });
    spec
      .given([opened])
      .when(answer('nps', { kind: 'nps', value: 11 }))
      .thenThrows(SurveyResponseError, { rule: 'invalid-answer' });
    spec
      .given([opened])
      .when(answer('why', { kind: 'single', optionId: 'price' }))
      .thenThrows(SurveyResponseError, { rule: 'invalid-answer' });
    spec
      .given([opened])
      .when(answer('which', { kind: 'multiple', optionIds: [] }))
      .thenThrows(SurveyResponseError, { rule: 'invalid-answer' });
    spec
      .given([opened])
      .when(answer('csat', { kind: 'nps', value: 3 }))
      .thenThrows(SurveyResponseError, { rule: 'invalid-answer' });
    spec
      .given([opened])
      .when(answer('nope', { kind: 'rating', value: 3 }))
      .thenThrows(SurveyResponseError, { rule: 'unknown-question' });
    spec
      .given([])
      .when(answer('csat', { kind: 'rating', value: 3 }))
      .thenThrows(SurveyResponseError, { rule: 'not-found' });
  });

  it('completes on Telegram when the last question it asks is answered (free text is the page’s)', () => {
    const history = [
      opened,
      recorded('csat', { kind: 'rating', value: 5 }),
      recorded('nps', { kind: 'nps', value: 9 }),
      recorded('why', { kind: 'single', optionId: 'care' }),
    ];
    spec
      .given(history)
      .when(answer('which', { kind: 'multiple', optionIds: ['mail', 'tg'] }))
      .then([
        recorded('which', { kind: 'multiple', optionIds: ['tg', 'mail'] }),
        { type: 'SurveyCompleted', data: { communicationId, by, at, channel: 'messenger' } },
      ]);
  });

  it('completes from the page with every answer at once, and refuses a submit that leaves a required question out', () => {
    const all: SurveyResponseCommand = {
      type: 'AnswerSurvey',
      channel: 'web',
      complete: true,
      by: 'client:web',
      now,
      answers: [
        { questionId: 'csat', answer: { kind: 'rating', value: 3 } },
        { questionId: 'nps', answer: { kind: 'nps', value: 6 } },
        { questionId: 'why', answer: { kind: 'single', optionId: 'speed' } },
        { questionId: 'which', answer: { kind: 'multiple', optionIds: ['sms'] } },
        { questionId: 'comment', answer: { kind: 'text', text: '  Faster, please.  ' } },
      ],
    };
    const events = surveyResponseDecider.decide(all, surveyResponseDecider.evolve(surveyResponseDecider.initialState, opened));
    expect(events.map((e) => e.type)).toEqual([
      'SurveyAnswerRecorded',
      'SurveyAnswerRecorded',
      'SurveyAnswerRecorded',
      'SurveyAnswerRecorded',
      'SurveyAnswerRecorded',
      'SurveyCompleted',
    ]);
    expect(events[4]).toMatchObject({ data: { answer: { kind: 'text', text: 'Faster, please.' }, channel: 'web' } });
    spec
      .given([opened])
      .when({ ...all, answers: all.answers.slice(0, 2) } as SurveyResponseCommand)
      .thenThrows(SurveyResponseError, {
        rule: 'incomplete',
        problems: [
          { field: 'why', message: 'required' },
          { field: 'which', message: 'required' },
        ],
      });
  });

  it('is closed once completed: a changed answer is refused, the same one is a no-op', () => {
    const csatOnly: SurveyResponseEvent = { type: 'SurveyOpened', data: { ...opened.data, questions: [questions[0]] } } as SurveyResponseEvent;
    const done: SurveyResponseEvent = { type: 'SurveyCompleted', data: { communicationId, by, at, channel: 'sms' } };
    const history = [csatOnly, recorded('csat', { kind: 'rating', value: 5 }), done];
    spec
      .given(history)
      .when(answer('csat', { kind: 'rating', value: 5 }))
      .then([]);
    spec
      .given(history)
      .when(answer('csat', { kind: 'rating', value: 1 }))
      .thenThrows(SurveyResponseError, { rule: 'completed' });
  });

  it('asks the first unanswered question the channel can carry', () => {
    const state = { questions, answers: { csat: { kind: 'rating' as const, value: 5 } } };
    expect(nextQuestion(state, 'sms')?.id).toBe('nps');
    const late = {
      questions,
      answers: {
        csat: { kind: 'rating' as const, value: 5 },
        nps: { kind: 'nps' as const, value: 1 },
        why: { kind: 'single' as const, optionId: 'care' },
        which: { kind: 'multiple' as const, optionIds: ['tg'] },
      },
    };
    expect(nextQuestion(late, 'sms')).toBeUndefined();
    expect(nextQuestion(late, 'web')?.id).toBe('comment');
  });
});

describe('a questionnaire', () => {
  const draft: QuestionnaireDraft = { name: 'After visit', title: t('After your visit'), questions };

  it('is valid as written, and so is the seeded CSAT', () => {
    expect(questionnaireProblems(draft)).toEqual([]);
    expect(questionnaireProblems(csatQuestionnaire)).toEqual([]);
  });

  it('names every problem: no questions, a missing translation, repeated ids, too few options, options on a rating', () => {
    expect(questionnaireProblems({ ...draft, questions: [] })).toContainEqual({ field: 'questions', message: 'at least one question' });
    expect(questionnaireProblems({ ...draft, title: { ru: '', en: 'x' } })).toContainEqual({ field: 'title.ru', message: 'required' });
    expect(questionnaireProblems({ ...draft, questions: [questions[0], questions[0]] })).toContainEqual({ field: 'questions.1.id', message: 'repeats csat' });
    expect(questionnaireProblems({ ...draft, questions: [{ ...questions[2], options: (questions[2].options ?? []).slice(0, 1) }] })).toContainEqual({
      field: 'questions.0.options',
      message: '2 to 9 options',
    });
    expect(questionnaireProblems({ ...draft, questions: [{ ...questions[0], options: questions[2].options }] })).toContainEqual({
      field: 'questions.0.options',
      message: 'a rating question has no options',
    });
  });
});

describe('SMS replies', () => {
  it('read a digit as a rating, a number as a score, an option number, several numbers as a multiple choice', () => {
    expect(parseSmsAnswer(questions[0], ' 4 ')).toEqual({ kind: 'rating', value: 4 });
    expect(parseSmsAnswer(questions[1], '10')).toEqual({ kind: 'nps', value: 10 });
    expect(parseSmsAnswer(questions[2], '2')).toEqual({ kind: 'single', optionId: 'care' });
    expect(parseSmsAnswer(questions[3], '1 3')).toEqual({ kind: 'multiple', optionIds: ['tg', 'mail'] });
    expect(parseSmsAnswer(questions[3], '3,1,3')).toEqual({ kind: 'multiple', optionIds: ['mail', 'tg'] });
  });

  it('leave anything else to the operators', () => {
    expect(parseSmsAnswer(questions[0], '6')).toBeUndefined();
    expect(parseSmsAnswer(questions[0], '4 stars')).toBeUndefined();
    expect(parseSmsAnswer(questions[0], 'my heating is broken')).toBeUndefined();
    expect(parseSmsAnswer(questions[2], '1 2')).toBeUndefined();
    expect(parseSmsAnswer(questions[3], '1 4')).toBeUndefined();
    expect(parseSmsAnswer(questions[4], '1')).toBeUndefined();
  });

  it('ask with numbered options and how to reply, in the client’s language', () => {
    expect(smsQuestionText(questions[2], 'en')).toBe('What mattered most?\n1 - Speed\n2 - Care\nReply with the digit of your choice.');
    expect(smsQuestionText(questions[0], 'ru')).toContain('Ответьте цифрой от 1 до 5.');
  });
});

describe('Telegram buttons', () => {
  it('carry at most 64 bytes and read back to the same answer', () => {
    const values = [
      { kind: 'rating', value: 5 },
      { kind: 'nps', value: 10 },
      { kind: 'option', index: 9 },
      { kind: 'toggle', mask: 511 },
      { kind: 'done', mask: 511 },
    ] as const;
    for (const value of values) {
      const data = surveyCallbackData(communicationId, 19, value);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(parseSurveyCallback(data)).toEqual({ kind: 'answer', communicationId, questionIndex: 19, value });
    }
    expect(parseSurveyCallback('unsub')).toEqual({ kind: 'unsubscribe' });
    expect(parseSurveyCallback('sv:nothex:1:r4')).toBeUndefined();
    expect(parseSurveyCallback('something else')).toBeUndefined();
  });

  it('turn a pressed button into its answer; a multiple choice toggles until Done', () => {
    const keyboard = telegramQuestion(communicationId, 3, questions[3], 'en', { mask: 0b101 });
    expect(keyboard.buttons.map((row) => row[0].text)).toEqual(['✓ Telegram', 'SMS', '✓ Email', 'Done']);
    const done = parseSurveyCallback(keyboard.buttons[3][0].data);
    expect(done?.kind === 'answer' && callbackAnswer(questions[3], done.value)).toEqual({ kind: 'multiple', optionIds: ['tg', 'mail'] });
    const toggle = parseSurveyCallback(keyboard.buttons[1][0].data);
    expect(toggle).toMatchObject({ value: { kind: 'toggle', mask: 0b111 } });
    expect(toggle?.kind === 'answer' && callbackAnswer(questions[3], toggle.value)).toBeUndefined();
    const rating = telegramQuestion(communicationId, 0, questions[0], 'ru');
    const four = parseSurveyCallback(rating.buttons[0][3].data);
    expect(four?.kind === 'answer' && callbackAnswer(questions[0], four.value)).toEqual({ kind: 'rating', value: 4 });
    expect(four?.kind === 'answer' && callbackAnswer(questions[1], four.value)).toBeUndefined();
  });
});

describe('results', () => {
  it('average ratings, score NPS as promoters minus detractors, CSAT as the share of 4 and 5', () => {
    expect(averageScore({ '5': 2, '3': 1, '1': 1 })).toBe(3.5);
    expect(npsScore({ '10': 3, '9': 2, '8': 2, '3': 3 })).toBe(20);
    expect(npsScore({})).toBeUndefined();
    expect(csatScore({ '5': 1, '4': 2, '2': 1 })).toBe(75);
    expect(responseRate(3, 1)).toBe(33.3);
    expect(responseRate(0, 0)).toBe(0);
  });
});
