import type { BusinessCalendar } from './business-calendar';
import { addBusinessTime, businessTimeBetween, checkBusinessCalendar, zonedInstant } from './business-calendar';
import type { SlaFact } from './sla-clock';
import { runSlaClock, slaElapsedAt, slaStateAt, slaTargetStateAt } from './sla-clock';
import type { SlaPolicy } from './sla-policy';
import { checkSlaPolicy, raisedPriority } from './sla-policy';
import { DomainRuleError } from '../shared/domain-errors';

const H = 3_600_000;
const M = 60_000;
const d = (iso: string) => new Date(iso);

// A head office in Berlin: Mon–Fri 09:00–18:00, closed on Christmas.
const office: BusinessCalendar = {
  kind: 'working-hours',
  timeZone: 'Europe/Berlin',
  hours: {
    mon: { from: '09:00', to: '18:00' },
    tue: { from: '09:00', to: '18:00' },
    wed: { from: '09:00', to: '18:00' },
    thu: { from: '09:00', to: '18:00' },
    fri: { from: '09:00', to: '18:00' },
  },
  holidays: ['2026-12-24', '2026-12-25'],
};
const always: BusinessCalendar = { kind: '24x7' };

/** The target a test expects to exist. */
function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const policy = (calendar: BusinessCalendar, overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'sla-1',
  name: 'Head office',
  scope: { kind: 'department', department: 'first-line-north' },
  calendar,
  targets: { P1: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 }, P3: { firstResponseMinutes: 4 * 60, resolutionMinutes: 16 * 60 } },
  escalateOnBreach: false,
  ...overrides,
});

describe('business calendar', () => {
  it('counts wall-clock time around the clock', () => {
    expect(addBusinessTime(always, d('2026-12-05T23:00:00Z'), 2 * H)).toEqual(d('2026-12-06T01:00:00Z'));
    expect(businessTimeBetween(always, d('2026-12-05T23:00:00Z'), d('2026-12-06T01:00:00Z'))).toBe(2 * H);
  });

  it('skips the night and the weekend: Friday 17:00 Berlin plus 2 hours is Monday 10:00', () => {
    // 2026-12-04 is a Friday; Berlin is UTC+1 in December.
    expect(addBusinessTime(office, d('2026-12-04T16:00:00Z'), 2 * H)).toEqual(d('2026-12-07T09:00:00Z'));
    expect(businessTimeBetween(office, d('2026-12-04T16:00:00Z'), d('2026-12-07T09:00:00Z'))).toBe(2 * H);
  });

  it('starts counting at the next opening when the item comes in at night', () => {
    expect(addBusinessTime(office, d('2026-12-08T22:00:00Z'), 30 * M)).toEqual(d('2026-12-09T08:30:00Z'));
  });

  it('skips holidays: Wednesday 23 December 17:00 plus 2 hours is Monday 28 December 10:00', () => {
    expect(addBusinessTime(office, d('2026-12-23T16:00:00Z'), 2 * H)).toEqual(d('2026-12-28T09:00:00Z'));
  });

  it('spans several days: 20 business hours from Monday 09:00 end Wednesday 11:00', () => {
    expect(addBusinessTime(office, d('2026-12-07T08:00:00Z'), 20 * H)).toEqual(d('2026-12-09T10:00:00Z'));
  });

  it('keeps local working hours across the spring DST change (Europe/Berlin, 29 March 2026)', () => {
    // Friday 27 March 17:00 CET (16:00Z) + 2 h → Monday 30 March 10:00 CEST = 08:00Z.
    expect(addBusinessTime(office, d('2026-03-27T16:00:00Z'), 2 * H)).toEqual(d('2026-03-30T08:00:00Z'));
    // A 24/7 calendar in local time does not care: the night of the change has 23 hours.
    const berlin247: BusinessCalendar = {
      kind: 'working-hours',
      timeZone: 'Europe/Berlin',
      hours: { sun: { from: '00:00', to: '24:00' } },
    };
    expect(businessTimeBetween(berlin247, d('2026-03-28T00:00:00Z'), d('2026-03-30T00:00:00Z'))).toBe(23 * H);
  });

  it('keeps local working hours across the autumn DST change (Europe/Berlin, 25 October 2026)', () => {
    // Friday 23 October 17:00 CEST (15:00Z) + 2 h → Monday 26 October 10:00 CET = 09:00Z.
    expect(addBusinessTime(office, d('2026-10-23T15:00:00Z'), 2 * H)).toEqual(d('2026-10-26T09:00:00Z'));
    const sunday: BusinessCalendar = { kind: 'working-hours', timeZone: 'Europe/Berlin', hours: { sun: { from: '00:00', to: '24:00' } } };
    expect(businessTimeBetween(sunday, d('2026-10-24T00:00:00Z'), d('2026-10-27T00:00:00Z'))).toBe(25 * H);
  });

  it('reads a local time skipped by the spring change an hour later, and a repeated one at its first occurrence', () => {
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(zonedInstant({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses an unknown time zone, malformed hours and a calendar without working days', () => {
    expect(() => checkBusinessCalendar({ kind: 'working-hours', timeZone: 'Mars/Olympus', hours: { mon: { from: '09:00', to: '18:00' } } })).toThrow(
      DomainRuleError,
    );
    expect(() => checkBusinessCalendar({ kind: 'working-hours', timeZone: 'UTC', hours: { mon: { from: '18:00', to: '09:00' } } })).toThrow(DomainRuleError);
    expect(() => checkBusinessCalendar({ kind: 'working-hours', timeZone: 'UTC', hours: {} })).toThrow(DomainRuleError);
    expect(() => checkBusinessCalendar(office)).not.toThrow();
  });
});

describe('SLA clock', () => {
  const started = (at: string, priority: 'P1' | 'P3' = 'P3'): SlaFact => ({ kind: 'started', at, priority });

  it('sets due times from the start in business time, and warns at 80 %', () => {
    // Monday 7 December 09:00 Berlin; P3: response 4 h, resolution 16 h.
    const clock = runSlaClock(policy(office), [started('2026-12-07T08:00:00Z')]);
    expect(clock?.firstResponse).toMatchObject({ status: 'running', dueAt: '2026-12-07T12:00:00.000Z', warnAt: '2026-12-07T11:12:00.000Z' });
    expect(clock?.resolution).toMatchObject({ status: 'running', dueAt: '2026-12-08T15:00:00.000Z' });
  });

  it('moves from ok to warning to breached as time passes', () => {
    const clock = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z', 'P1')]);
    const response = clock?.firstResponse;
    if (!response || !clock) throw new Error('no clock');
    expect(slaTargetStateAt(response, d('2026-12-07T08:10:00Z'))).toBe('ok');
    expect(slaTargetStateAt(response, d('2026-12-07T08:25:00Z'))).toBe('warning');
    expect(slaTargetStateAt(response, d('2026-12-07T08:30:00Z'))).toBe('breached');
    expect(slaStateAt(clock, d('2026-12-07T08:30:00Z'))).toBe('breached');
  });

  it('stops the first response at the first reply: met before its due time, missed after', () => {
    const met = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z', 'P1'), { kind: 'responded', at: '2026-12-07T08:20:00Z' }]);
    expect(met?.firstResponse).toMatchObject({ status: 'met', elapsedMs: 20 * M, stoppedAt: '2026-12-07T08:20:00.000Z' });
    expect(met?.resolution?.status).toBe('running');
    const missed = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z', 'P1'), { kind: 'responded', at: '2026-12-07T09:00:00Z' }]);
    expect(missed?.firstResponse).toMatchObject({ status: 'missed', dueAt: '2026-12-07T08:30:00.000Z' });
    expect(slaTargetStateAt(present(missed?.firstResponse), d('2026-12-07T09:00:00Z'))).toBe('breached');
  });

  it('pauses while on hold: a hold across a weekend costs no business time', () => {
    // Friday 4 December 09:00 Berlin, responded 09:30, on hold 17:00 Friday → resumed Monday 12:00.
    const facts: SlaFact[] = [
      started('2026-12-04T08:00:00Z'),
      { kind: 'responded', at: '2026-12-04T08:30:00Z' },
      { kind: 'paused', at: '2026-12-04T16:00:00Z' },
    ];
    const paused = runSlaClock(policy(office), facts);
    expect(paused?.resolution).toMatchObject({ status: 'paused', elapsedMs: 8 * H });
    expect(paused?.resolution?.dueAt).toBeUndefined();
    const resumed = runSlaClock(policy(office), [...facts, { kind: 'resumed', at: '2026-12-07T11:00:00Z' }]);
    // 8 of 16 hours used; Monday 12:00 + 8 business hours (6 Monday, 2 Tuesday) = Tuesday 11:00 Berlin.
    expect(resumed?.resolution).toMatchObject({ status: 'running', elapsedMs: 8 * H, dueAt: '2026-12-08T10:00:00.000Z' });
    expect(slaElapsedAt(office, present(resumed?.resolution), d('2026-12-07T17:00:00Z'))).toBe(14 * H);
  });

  it('a hold pauses both targets around the clock too', () => {
    const clock = runSlaClock(policy(always), [
      started('2026-12-07T08:00:00Z', 'P1'),
      { kind: 'paused', at: '2026-12-07T08:10:00Z' },
      { kind: 'resumed', at: '2026-12-07T10:10:00Z' },
    ]);
    expect(clock?.firstResponse?.dueAt).toBe('2026-12-07T10:30:00.000Z');
    expect(clock?.resolution?.dueAt).toBe('2026-12-07T14:00:00.000Z');
  });

  it('recomputes the due times when the priority changes, keeping the time already counted', () => {
    const clock = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z'), { kind: 'priority', at: '2026-12-07T08:10:00Z', priority: 'P1' }]);
    expect(clock?.priority).toBe('P1');
    expect(clock?.firstResponse?.dueAt).toBe('2026-12-07T08:30:00.000Z');
    // A raise to a target already passed: due in the past, breached at once.
    const late = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z'), { kind: 'priority', at: '2026-12-07T09:00:00Z', priority: 'P1' }]);
    expect(slaTargetStateAt(present(late?.firstResponse), d('2026-12-07T09:00:00Z'))).toBe('breached');
  });

  it('stops at resolution and runs again on reopen with the time already counted', () => {
    const clock = runSlaClock(policy(always), [
      started('2026-12-07T08:00:00Z', 'P1'),
      { kind: 'responded', at: '2026-12-07T08:05:00Z' },
      { kind: 'resolved', at: '2026-12-07T09:00:00Z' },
      { kind: 'reopened', at: '2026-12-08T09:00:00Z' },
    ]);
    expect(clock?.resolution).toMatchObject({ status: 'running', elapsedMs: H, dueAt: '2026-12-08T12:00:00.000Z' });
    expect(clock?.firstResponse?.status).toBe('met');
  });

  it('has no targets for a priority the policy does not cover', () => {
    const clock = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z'), { kind: 'priority', at: '2026-12-07T08:10:00Z', priority: 'P4' }]);
    expect(clock).toEqual({ policyId: 'sla-1', policyName: 'Head office', priority: 'P4' });
  });

  it('honours a configured warning share', () => {
    const clock = runSlaClock(policy(always), [started('2026-12-07T08:00:00Z', 'P1')], 0.5);
    expect(clock?.firstResponse?.warnAt).toBe('2026-12-07T08:15:00.000Z');
  });
});

describe('SLA policy', () => {
  it('refuses targets that are not whole positive minutes, or a response due after the resolution', () => {
    expect(() => checkSlaPolicy({ ...policy(always), targets: { P1: { firstResponseMinutes: 0, resolutionMinutes: 10 } } })).toThrow(DomainRuleError);
    expect(() => checkSlaPolicy({ ...policy(always), targets: { P1: { firstResponseMinutes: 60, resolutionMinutes: 30 } } })).toThrow(DomainRuleError);
    expect(() => checkSlaPolicy({ ...policy(always), targets: {} })).toThrow(DomainRuleError);
    expect(() => checkSlaPolicy(policy(office))).not.toThrow();
  });

  it('escalates one step up to P1', () => {
    expect(raisedPriority('P4')).toBe('P3');
    expect(raisedPriority('P1')).toBeUndefined();
  });
});
