import { assertNever } from '@switchboard/kernel';
import type { Decider } from '@switchboard/kernel';
import { PLATE_MAX, UNIT_LABEL_MAX, VISITOR_NAME_MAX } from './pass';
import type { PassDraft } from './pass';
import type { PassCommand } from './pass.commands';
import { CheckInRefusedError, PassRuleError } from './pass-errors';
import type { PassEvent } from './pass.events';
import { checkInRefusal, initialPassState } from './pass.state';
import type { Pass, PassState } from './pass.state';
import { normalisePlate } from '../matching/plate';

/** A check-in stamped this far ahead of the server's clock is refused (a tablet's clock may drift a little). */
export const CHECK_IN_CLOCK_SKEW_MS = 5 * 60_000;

function draftProblems(draft: PassDraft): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const name = draft.visitorName?.trim() ?? '';
  const plate = draft.plate ? normalisePlate(draft.plate) : '';
  if (name === '' && plate === '') problems.push({ field: 'visitorName', message: 'a visitor name or a plate is required' });
  if (name.length > VISITOR_NAME_MAX) problems.push({ field: 'visitorName', message: `at most ${VISITOR_NAME_MAX} characters` });
  if (draft.plate && plate.length > PLATE_MAX) problems.push({ field: 'plate', message: `at most ${PLATE_MAX} characters` });
  if (draft.unitLabel.trim() === '' || draft.unitLabel.length > UNIT_LABEL_MAX) problems.push({ field: 'unitLabel', message: 'required' });
  const from = Date.parse(draft.validFrom);
  const until = Date.parse(draft.validUntil);
  if (Number.isNaN(from)) problems.push({ field: 'validFrom', message: 'not a time' });
  if (Number.isNaN(until)) problems.push({ field: 'validUntil', message: 'not a time' });
  if (!Number.isNaN(from) && !Number.isNaN(until) && until <= from) problems.push({ field: 'validUntil', message: 'must be after validFrom' });
  return problems;
}

function existing(state: PassState): Pass {
  if (!state.exists) throw new PassRuleError('no-pass', 'There is no such pass.');
  return state;
}

/**
 * Decides what a command on a visitor pass [пропуск] means, given its history. Pure.
 *
 * A check-in while the visitor is already inside, and a check-out when they have left, change
 * nothing (a guard's second tap, a queued check-in sent again under a new key): the answer is the
 * pass as it stands. A check-out when nobody came in on the pass is refused.
 */
export const decidePass = (command: PassCommand, state: PassState): PassEvent[] => {
  const by = command.by;
  switch (command.type) {
    case 'CreatePass': {
      if (state.exists) throw new PassRuleError('exists', `Pass ${state.id} exists already.`);
      const problems = draftProblems(command.draft);
      if (problems.length > 0) throw new PassRuleError('draft', 'The pass is not usable.', problems);
      const { visitorName: name, plate: typed, note: givenNote, residentPhone: phone, ...rest } = command.draft;
      const visitorName = name?.trim();
      const plate = typed?.trim();
      const note = givenNote?.trim();
      const residentPhone = phone?.trim();
      const data = {
        ...rest,
        unitLabel: rest.unitLabel.trim(),
        ...(visitorName ? { visitorName } : {}),
        ...(plate ? { plate } : {}),
        ...(note ? { note } : {}),
        ...(residentPhone ? { residentPhone } : {}),
        passId: command.passId,
        by,
        at: command.now.toISOString(),
      };
      return [{ type: 'PassCreated', data }];
    }
    case 'RevokePass': {
      const pass = existing(state);
      if (pass.revoked) return [];
      const reason = command.reason?.trim();
      return [{ type: 'PassRevoked', data: { passId: pass.id, siteSlug: pass.siteSlug, by, at: command.now.toISOString(), ...(reason ? { reason } : {}) } }];
    }
    case 'CheckVisitorIn': {
      const pass = existing(state);
      if (pass.inside) return [];
      if (command.at.getTime() > command.now.getTime() + CHECK_IN_CLOCK_SKEW_MS) {
        throw new PassRuleError('future', 'A check-in cannot be stamped in the future.', [{ field: 'at', message: 'in the future' }]);
      }
      const refusal = checkInRefusal(pass, command.at);
      if (refusal) throw new CheckInRefusedError(pass.id, refusal);
      return [{ type: 'VisitorCheckedIn', data: { passId: pass.id, siteSlug: pass.siteSlug, by, at: command.at.toISOString(), visit: pass.visits + 1 } }];
    }
    case 'CheckVisitorOut': {
      const pass = existing(state);
      if (!pass.inside) {
        if (pass.visits > 0) return [];
        throw new PassRuleError('not-inside', 'Nobody came in on this pass.');
      }
      const since = Date.parse(pass.inside.since);
      // A check-out stamped before the check-in (clocks of two tablets) is taken as the moment of the check-in.
      const at = new Date(Math.max(command.at.getTime(), since));
      return [
        {
          type: 'VisitorCheckedOut',
          data: {
            passId: pass.id,
            siteSlug: pass.siteSlug,
            by,
            at: at.toISOString(),
            visit: pass.visits,
            checkedInAt: pass.inside.since,
            checkedInBy: pass.inside.by,
            overstayed: at.getTime() > Date.parse(pass.validUntil),
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

/** Folds one event into the pass. */
export const evolvePass = (state: PassState, event: PassEvent): PassState => {
  if (event.type === 'PassCreated') {
    const { passId, by, at, ...draft } = event.data;
    return { exists: true, id: passId, createdBy: by, createdAt: at, revoked: false, visits: 0, ...draft };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'PassRevoked':
      return { ...state, revoked: true };
    case 'VisitorCheckedIn':
      return { ...state, visits: event.data.visit, inside: { since: event.data.at, by: event.data.by } };
    case 'VisitorCheckedOut': {
      const { inside: _left, ...rest } = state;
      return rest;
    }
    default:
      return assertNever(event);
  }
};

export const passDecider: Decider<PassCommand, PassEvent, PassState> = {
  decide: decidePass,
  evolve: evolvePass,
  initialState: initialPassState,
};
