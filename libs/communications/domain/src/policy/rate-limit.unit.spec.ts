import { rateLimitHold } from './rate-limit';
import type { CountedSend, RateLimitRule } from './rate-limit';

const now = new Date('2026-12-06T12:00:00.000Z');
const minutesAgo = (m: number, type = 'mass'): CountedSend => ({ at: new Date(now.getTime() - m * 60_000), type });
const threePerHour: RateLimitRule = { id: 'r1', limit: 3, unit: 'hour', units: 1 };

describe('rate limits', () => {
  it('let a communication through while the window holds fewer than the limit', () => {
    expect(rateLimitHold([threePerHour], [minutesAgo(50), minutesAgo(10)], 'mass', now)).toBeUndefined();
  });

  it('hold one more until the oldest counted send leaves the window', () => {
    const hold = rateLimitHold([threePerHour], [minutesAgo(50), minutesAgo(30), minutesAgo(10)], 'mass', now);
    expect(hold).toMatchObject({ rule: { id: 'r1' }, until: new Date('2026-12-06T12:10:00.000Z') });
  });

  it('count a slot stamped a moment after now (a parallel dispatcher that read the clock later reserved first)', () => {
    const later = (ms: number): CountedSend => ({ at: new Date(now.getTime() + ms), type: 'mass' });
    const hold = rateLimitHold([threePerHour], [later(3), later(5), later(8)], 'mass', now);
    expect(hold?.until.toISOString()).toBe('2026-12-06T13:00:00.003Z');
  });

  it('count only the window: a send older than it is forgotten', () => {
    expect(rateLimitHold([threePerHour], [minutesAgo(61), minutesAgo(30), minutesAgo(10)], 'mass', now)).toBeUndefined();
  });

  it('with more sends than the limit in the window, wait for enough of them to leave', () => {
    const hold = rateLimitHold([threePerHour], [minutesAgo(55), minutesAgo(40), minutesAgo(30), minutesAgo(5)], 'mass', now);
    // Two must leave: the second oldest leaves at 12:20.
    expect(hold?.until.toISOString()).toBe('2026-12-06T12:20:00.000Z');
  });

  it('count and hold only the types a rule names', () => {
    const surveys: RateLimitRule = { id: 'r2', limit: 1, unit: 'day', units: 1, types: ['survey'] };
    expect(rateLimitHold([surveys], [minutesAgo(10, 'mass'), minutesAgo(5, 'personal')], 'survey', now)).toBeUndefined();
    expect(rateLimitHold([surveys], [minutesAgo(10, 'survey')], 'mass', now)).toBeUndefined();
    expect(rateLimitHold([surveys], [minutesAgo(10, 'survey')], 'survey', now)?.until.toISOString()).toBe('2026-12-07T11:50:00.000Z');
  });

  it('answer with the rule that holds longest when several hold', () => {
    const tenPerMinute: RateLimitRule = { id: 'burst', limit: 1, unit: 'second', units: 30 };
    const hold = rateLimitHold(
      [tenPerMinute, threePerHour],
      [minutesAgo(50), minutesAgo(30), { at: new Date(now.getTime() - 10_000), type: 'mass' }],
      'mass',
      now,
    );
    expect(hold?.rule.id).toBe('r1');
  });
});
