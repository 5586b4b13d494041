import { assertNever } from '@switchboard/kernel';
import type { Decider } from '@switchboard/kernel';
import { MAILING_NAME_MAX, MAILING_PER_MINUTE_MAX, audienceProblems } from './mailing';
import type { MailingCommand, MailingCommandType } from './mailing.commands';
import { MailingRuleError, MailingTransitionError } from './mailing-errors';
import type { MailingEvent } from './mailing.events';
import { initialMailingState } from './mailing.state';
import type { Mailing, MailingState, MailingStatus } from './mailing.state';

/** Where each command may run ('NONE': before the mailing exists). */
export const mailingTransitions: Readonly<Record<MailingCommandType, readonly (MailingStatus | 'NONE')[]>> = {
  CreateMailing: ['NONE'],
  StartMailing: ['DRAFT'],
  PauseMailing: ['RUNNING'],
  ResumeMailing: ['PAUSED'],
  CancelMailing: ['DRAFT', 'RUNNING', 'PAUSED'],
  CompleteMailing: ['RUNNING'],
};

/** A repeat of what already happened (a second start by a retried worker, a second cancel): nothing new. */
const repeats: Readonly<Partial<Record<MailingCommandType, readonly MailingStatus[]>>> = {
  StartMailing: ['RUNNING', 'PAUSED', 'COMPLETED'],
  PauseMailing: ['PAUSED'],
  ResumeMailing: ['RUNNING'],
  CancelMailing: ['CANCELLED'],
  // A mailing cancelled while its last batch went out stays cancelled.
  CompleteMailing: ['COMPLETED', 'CANCELLED'],
};

function expectStatus(command: MailingCommand, state: MailingState): Mailing | undefined {
  const current = state.exists ? state.status : 'NONE';
  if (state.exists && repeats[command.type]?.includes(state.status)) return undefined;
  const allowed = mailingTransitions[command.type];
  if (!state.exists || !allowed.includes(current)) throw new MailingTransitionError(command.type, current, allowed);
  return state;
}

/** Decides what a command on a mailing [Рассылка] means, given its history. Pure. */
export const decideMailing = (command: MailingCommand, state: MailingState): MailingEvent[] => {
  const at = command.now.toISOString();
  const by = command.by;
  switch (command.type) {
    case 'CreateMailing': {
      if (state.exists) throw new MailingTransitionError(command.type, state.status, mailingTransitions.CreateMailing);
      const draft = command.draft;
      const name = draft.name.trim();
      if (name === '' || name.length > MAILING_NAME_MAX) {
        throw new MailingRuleError('name', `A mailing needs a name of at most ${MAILING_NAME_MAX} characters.`, [{ field: 'name', message: 'required' }]);
      }
      const problems = audienceProblems(draft.audience);
      if (problems.length > 0) throw new MailingRuleError('audience', 'The audience is not usable.', problems);
      if (!Number.isInteger(draft.perMinute) || draft.perMinute < 1 || draft.perMinute > MAILING_PER_MINUTE_MAX) {
        throw new MailingRuleError('throttle', `The throttle is 1 to ${MAILING_PER_MINUTE_MAX} per minute.`, [
          { field: 'perMinute', message: `must be 1 to ${MAILING_PER_MINUTE_MAX}` },
        ]);
      }
      if (draft.startAt !== undefined && Number.isNaN(Date.parse(draft.startAt))) {
        throw new MailingRuleError('schedule', 'The start time is not a time.', [{ field: 'startAt', message: 'not a time' }]);
      }
      return [{ type: 'MailingCreated', data: { mailingId: command.mailingId, by, at, ...draft, name } }];
    }
    case 'StartMailing': {
      const mailing = expectStatus(command, state);
      if (!mailing) return [];
      return [{ type: 'MailingStarted', data: { mailingId: mailing.id, by, at, recipients: command.recipients } }];
    }
    case 'PauseMailing': {
      const mailing = expectStatus(command, state);
      return mailing ? [{ type: 'MailingPaused', data: { mailingId: mailing.id, by, at } }] : [];
    }
    case 'ResumeMailing': {
      const mailing = expectStatus(command, state);
      return mailing ? [{ type: 'MailingResumed', data: { mailingId: mailing.id, by, at } }] : [];
    }
    case 'CancelMailing': {
      const mailing = expectStatus(command, state);
      if (!mailing) return [];
      return [{ type: 'MailingCancelled', data: { mailingId: mailing.id, by, at, ...(command.reason ? { reason: command.reason } : {}) } }];
    }
    case 'CompleteMailing': {
      const mailing = expectStatus(command, state);
      if (!mailing) return [];
      return [{ type: 'MailingCompleted', data: { mailingId: mailing.id, by, at, queued: command.queued, skipped: command.skipped } }];
    }
    default:
      return assertNever(command);
  }
};

/** Folds one event into the mailing. */
export const evolveMailing = (state: MailingState, event: MailingEvent): MailingState => {
  if (event.type === 'MailingCreated') {
    const { mailingId, by, at: _at, ...draft } = event.data;
    return { exists: true, id: mailingId, status: 'DRAFT', createdBy: by, ...draft };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MailingStarted':
      return { ...state, status: 'RUNNING', recipients: event.data.recipients };
    case 'MailingPaused':
      return { ...state, status: 'PAUSED' };
    case 'MailingResumed':
      return { ...state, status: 'RUNNING' };
    case 'MailingCancelled':
      return { ...state, status: 'CANCELLED' };
    case 'MailingCompleted':
      return { ...state, status: 'COMPLETED' };
    default:
      return assertNever(event);
  }
};

export const mailingDecider: Decider<MailingCommand, MailingEvent, MailingState> = {
  decide: decideMailing,
  evolve: evolveMailing,
  initialState: initialMailingState,
};
