import { deciderSpec } from '@switchboard/kernel/testing';
import { fold } from '@switchboard/kernel';
import type { PassDraft } from './pass';
import type { PassCommand } from './pass.commands';
import { passDecider } from './pass.decider';
import { CheckInRefusedError, PassRuleError } from './pass-errors';
import type { PassEvent } from './pass.events';
import { isOverstay } from './pass.state';
import type { Pass } from './pass.state';

const passId = 'p-1';
const siteSlug = 'river-park';
const now = new Date('2026-12-08T09:00:00.000Z');
const at = now.toISOString();
const concierge = 'concierge.river-park';
const guard = 'guard.river-park';
const spec = deciderSpec(passDecider);
const time = (hhmm: string) => new Date(`2026-12-08T${hhmm}:00.000Z`);

const draft: PassDraft = {
  siteSlug,
  unitId: 'unit-45',
  unitLabel: 'Building 2, apt 45',
  residentPhone: '+79991234567',
  kind: 'one-time',
  visitorName: 'Пётр Иванов',
  plate: 'А123ВС 77',
  validFrom: '2026-12-08T08:00:00.000Z',
  validUntil: '2026-12-08T20:00:00.000Z',
  issuedAs: 'Concierge',
};
const create: PassCommand = { type: 'CreatePass', passId, draft, by: concierge, now };
const created: PassEvent = { type: 'PassCreated', data: { ...draft, passId, by: concierge, at } };
const permanent: PassEvent = { type: 'PassCreated', data: { ...draft, kind: 'permanent', passId, by: concierge, at } };
const checkIn = (hhmm: string): PassCommand => ({ type: 'CheckVisitorIn', at: time(hhmm), by: guard, now: time(hhmm) });
const checkOut = (hhmm: string): PassCommand => ({ type: 'CheckVisitorOut', at: time(hhmm), by: guard, now: time(hhmm) });
const checkedIn = (hhmm: string, visit = 1): PassEvent => ({
  type: 'VisitorCheckedIn',
  data: { passId, siteSlug, by: guard, at: time(hhmm).toISOString(), visit },
});
const checkedOut = (inAt: string, outAt: string, visit = 1, overstayed = false): PassEvent => ({
  type: 'VisitorCheckedOut',
  data: { passId, siteSlug, by: guard, at: time(outAt).toISOString(), visit, checkedInAt: time(inAt).toISOString(), checkedInBy: guard, overstayed },
});
const revoked: PassEvent = { type: 'PassRevoked', data: { passId, siteSlug, by: concierge, at } };

describe('a visitor pass', () => {
  it('is created for a unit with a person and a vehicle, the unit label and resident phone copied in', () => {
    spec.given([]).when(create).then([created]);
  });

  it('needs a visitor name or a plate, and a window that ends after it starts', () => {
    spec
      .given([])
      .when({ ...create, draft: { ...draft, visitorName: ' ', plate: ' - ' } })
      .thenThrows(PassRuleError, { rule: 'draft', problems: [{ field: 'visitorName', message: 'a visitor name or a plate is required' }] });
    spec
      .given([])
      .when({ ...create, draft: { ...draft, validUntil: draft.validFrom } })
      .thenThrows(PassRuleError, { rule: 'draft', problems: [{ field: 'validUntil', message: 'must be after validFrom' }] });
    spec.given([created]).when(create).thenThrows(PassRuleError, { rule: 'exists' });
  });

  it('lets the visitor in within its window, with the time and the guard', () => {
    spec
      .given([created])
      .when(checkIn('10:00'))
      .then([checkedIn('10:00')]);
  });

  it('takes a second check-in while the visitor is inside as the same one (nothing new)', () => {
    spec
      .given([created, checkedIn('10:00')])
      .when(checkIn('10:05'))
      .then([]);
  });

  it('refuses a check-in before or after its window', () => {
    spec.given([created]).when(checkIn('07:59')).thenThrows(CheckInRefusedError, { reason: 'not-yet-valid' });
    spec.given([created]).when(checkIn('20:01')).thenThrows(CheckInRefusedError, { reason: 'expired' });
  });

  it('refuses a check-in on a revoked pass, and a second revoke changes nothing', () => {
    spec.given([created, revoked]).when(checkIn('10:00')).thenThrows(CheckInRefusedError, { reason: 'revoked' });
    spec.given([created, revoked]).when({ type: 'RevokePass', by: concierge, now }).then([]);
  });

  it('is used once when one-time: after check-out a new check-in is refused', () => {
    spec
      .given([created, checkedIn('10:00')])
      .when(checkOut('11:00'))
      .then([checkedOut('10:00', '11:00')]);
    spec
      .given([created, checkedIn('10:00'), checkedOut('10:00', '11:00')])
      .when(checkIn('12:00'))
      .thenThrows(CheckInRefusedError, { reason: 'already-used' });
  });

  it('admits again and again when permanent, counting the visits', () => {
    spec
      .given([permanent, checkedIn('10:00'), checkedOut('10:00', '11:00')])
      .when(checkIn('12:00'))
      .then([checkedIn('12:00', 2)]);
  });

  it('records a check-out after the window as an overstay', () => {
    spec
      .given([created, checkedIn('19:00')])
      .when(checkOut('21:30'))
      .then([checkedOut('19:00', '21:30', 1, true)]);
  });

  it('takes a check-out after leaving as nothing new, and refuses one when nobody came in', () => {
    spec
      .given([created, checkedIn('10:00'), checkedOut('10:00', '11:00')])
      .when(checkOut('11:05'))
      .then([]);
    spec.given([created]).when(checkOut('11:00')).thenThrows(PassRuleError, { rule: 'not-inside' });
  });

  it('lets a revoked pass’s visitor who is inside check out', () => {
    spec
      .given([created, checkedIn('10:00'), revoked])
      .when(checkOut('10:30'))
      .then([checkedOut('10:00', '10:30')]);
  });

  it('refuses a check-in stamped in the future, and commands on a pass that does not exist', () => {
    spec
      .given([created])
      .when({ type: 'CheckVisitorIn', at: time('11:00'), by: guard, now: time('10:00') })
      .thenThrows(PassRuleError, { rule: 'future' });
    spec.given([]).when(checkIn('10:00')).thenThrows(PassRuleError, { rule: 'no-pass' });
  });

  it('is an overstay while someone let in is still inside past the window end', () => {
    const inside = fold(passDecider, [created, checkedIn('19:00')]) as Pass;
    expect(isOverstay(inside, time('19:59'))).toBe(false);
    expect(isOverstay(inside, time('20:01'))).toBe(true);
    const left = fold(passDecider, [created, checkedIn('19:00'), checkedOut('19:00', '19:30')]) as Pass;
    expect(isOverstay(left, time('21:00'))).toBe(false);
  });
});
