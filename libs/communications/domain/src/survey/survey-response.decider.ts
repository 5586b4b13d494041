import { assertNever } from '@switchboard/kernel';
import type { Decider } from '@switchboard/kernel';
import { answerProblem, askableOn, isRequired, normalizedAnswer, sameAnswer } from './survey-answer';
import type { SurveyAnswer, SurveyAnswerChannel } from './survey-answer';
import type { SurveyResponseCommand } from './survey-response.commands';
import { SurveyResponseError } from './survey-response-errors';
import type { SurveyResponseEvent } from './survey-response.events';
import { initialSurveyResponseState } from './survey-response.state';
import type { SurveyResponse, SurveyResponseState } from './survey-response.state';
import type { Question } from './questionnaire';

/** The next question to ask on a channel that asks one at a time: the first unanswered one it can carry. */
export function nextQuestion(response: Pick<SurveyResponse, 'questions' | 'answers'>, channel: SurveyAnswerChannel): Question | undefined {
  return response.questions.find((q) => response.answers[q.id] === undefined && askableOn(q, channel));
}

const unansweredRequired = (questions: readonly Question[], answers: Readonly<Record<string, SurveyAnswer>>): Question[] =>
  questions.filter((q) => isRequired(q) && answers[q.id] === undefined);

/**
 * Decides what an answer to a survey [Опрос] means. Answers are idempotent (the same answer again
 * records nothing: a retried button press, a redelivered SMS); a different answer before
 * completion replaces the earlier one (the latest counts); after completion the response is
 * closed: a changed answer is refused, the same one is a no-op. Pure.
 */
export const decideSurveyResponse = (command: SurveyResponseCommand, state: SurveyResponseState): SurveyResponseEvent[] => {
  const at = command.now.toISOString();
  const by = command.by;
  switch (command.type) {
    case 'OpenSurvey':
      if (state.exists) return [];
      return [{ type: 'SurveyOpened', data: { communicationId: command.communicationId, by, at, ...command.subject, questions: command.questions } }];
    case 'AnswerSurvey': {
      if (!state.exists) throw new SurveyResponseError('not-found', 'No such survey.');
      const { communicationId } = state;
      const answers: Record<string, SurveyAnswer> = { ...state.answers };
      const events: SurveyResponseEvent[] = [];
      const problems: { field: string; message: string }[] = [];
      for (const given of command.answers) {
        const question = state.questions.find((q) => q.id === given.questionId);
        if (!question) {
          problems.push({ field: given.questionId, message: 'no such question' });
          continue;
        }
        const problem = answerProblem(question, given.answer);
        if (problem) {
          problems.push({ field: given.questionId, message: problem });
          continue;
        }
        const answer = normalizedAnswer(question, given.answer);
        const previous = answers[question.id];
        if (previous && sameAnswer(previous, answer)) continue;
        answers[question.id] = answer;
        events.push({
          type: 'SurveyAnswerRecorded',
          data: {
            communicationId,
            by,
            at,
            questionId: question.id,
            answer,
            channel: command.channel,
            ...(state.requestId ? { requestId: state.requestId } : {}),
          },
        });
      }
      if (problems.length > 0) {
        const unknown = problems.some((p) => p.message === 'no such question');
        throw new SurveyResponseError(unknown ? 'unknown-question' : 'invalid-answer', 'An answer does not fit its question.', problems);
      }
      if (state.completed) {
        if (events.length > 0) throw new SurveyResponseError('completed', 'The survey is already completed; its answers can no longer change.');
        return [];
      }
      const missing = unansweredRequired(state.questions, answers);
      if (command.complete && missing.length > 0) {
        throw new SurveyResponseError(
          'incomplete',
          'Every question but the free-text ones needs an answer.',
          missing.map((q) => ({ field: q.id, message: 'required' })),
        );
      }
      const done = command.complete || (missing.length === 0 && nextQuestion({ questions: state.questions, answers }, command.channel) === undefined);
      if (done) events.push({ type: 'SurveyCompleted', data: { communicationId, by, at, channel: command.channel } });
      return events;
    }
    default:
      return assertNever(command);
  }
};

export const evolveSurveyResponse = (state: SurveyResponseState, event: SurveyResponseEvent): SurveyResponseState => {
  if (event.type === 'SurveyOpened') {
    const { communicationId, by: _by, at: _at, questions, ...subject } = event.data;
    return { exists: true, communicationId, questions, ...subject, answers: {}, completed: false };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'SurveyAnswerRecorded':
      return { ...state, answers: { ...state.answers, [event.data.questionId]: event.data.answer } };
    case 'SurveyCompleted':
      return { ...state, completed: true };
    default:
      return assertNever(event);
  }
};

export const surveyResponseDecider: Decider<SurveyResponseCommand, SurveyResponseEvent, SurveyResponseState> = {
  decide: decideSurveyResponse,
  evolve: evolveSurveyResponse,
  initialState: initialSurveyResponseState,
};
