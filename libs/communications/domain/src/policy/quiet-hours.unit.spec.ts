import { inQuietHours, isClockTime, quietHoursEnd } from './quiet-hours';
import { instantOf } from './zoned-time';

const moscow = { start: '22:00', end: '08:00', timeZone: 'Europe/Moscow' };
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  it('span midnight in the client’s own zone', () => {
    // Moscow is UTC+3 all year.
    expect(inQuietHours(moscow, at('2026-12-06T18:59:00Z'))).toBe(false); // 21:59
    expect(inQuietHours(moscow, at('2026-12-06T19:00:00Z'))).toBe(true); // 22:00
    expect(inQuietHours(moscow, at('2026-12-06T23:30:00Z'))).toBe(true); // 02:30
    expect(inQuietHours(moscow, at('2026-12-07T04:59:00Z'))).toBe(true); // 07:59
    expect(inQuietHours(moscow, at('2026-12-07T05:00:00Z'))).toBe(false); // 08:00
  });

  it('end at the next local morning, before or after midnight', () => {
    expect(quietHoursEnd(moscow, at('2026-12-06T19:30:00Z'))?.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(quietHoursEnd(moscow, at('2026-12-07T01:00:00Z'))?.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(quietHoursEnd(moscow, at('2026-12-07T12:00:00Z'))).toBeUndefined();
  });

  it('are the same local hours for a client far east, whatever the UTC date', () => {
    const vladivostok = { ...moscow, timeZone: 'Asia/Vladivostok' }; // UTC+10
    expect(inQuietHours(vladivostok, at('2026-12-06T12:30:00Z'))).toBe(true); // 22:30 local
    expect(quietHoursEnd(vladivostok, at('2026-12-06T12:30:00Z'))?.toISOString()).toBe('2026-12-06T22:00:00.000Z');
  });

  it('within one day when they do not span midnight, and none when start equals end', () => {
    const siesta = { start: '13:00', end: '15:00', timeZone: 'Europe/Madrid' };
    expect(inQuietHours(siesta, at('2026-07-01T11:30:00Z'))).toBe(true); // 13:30 CEST
    expect(quietHoursEnd(siesta, at('2026-07-01T11:30:00Z'))?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(inQuietHours({ ...siesta, end: '13:00' }, at('2026-07-01T11:30:00Z'))).toBe(false);
  });

  it('end at the local morning across a change of clocks', () => {
    const berlin = { start: '22:00', end: '08:00', timeZone: 'Europe/Berlin' };
    // The night clocks go forward (29 March 2026): 23:00 CET, morning at 08:00 CEST = 06:00Z.
    expect(quietHoursEnd(berlin, at('2026-03-28T22:00:00Z'))?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // The night clocks go back (25 October 2026): morning at 08:00 CET = 07:00Z.
    expect(quietHoursEnd(berlin, at('2026-10-24T21:00:00Z'))?.toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('read wall-clock times the zone skips or repeats predictably', () => {
    // 02:30 does not happen in Berlin on 29 March 2026: it moves forward by the hour lost.
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first time (CEST).
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('accept only wall-clock times', () => {
    expect(['00:00', '08:30', '23:59'].every(isClockTime)).toBe(true);
    expect(['24:00', '8:30', '12:60', 'noon'].some(isClockTime)).toBe(false);
  });
});
