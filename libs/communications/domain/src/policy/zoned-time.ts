/** Wall-clock arithmetic in an IANA time zone with Intl only (no clock, no library): what a local time is, which instant a local time is. */

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the name is a time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of an instant in a zone. */
export function localTimeOf(instant: Date, timeZone: string): LocalDateTime & { readonly second: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const local = localTimeOf(new Date(instant), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time happens in a zone. A time the zone repeats (clocks going back) is
 * its first occurrence; a time it skips (clocks going forward) moves forward by the gap.
 */
export function instantOf(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const day = 86_400_000;
  // The zone's offsets a day before and a day after: a change of offset happens at most once in between.
  const candidates = [...new Set([wall - offsetMinutes(wall - day, timeZone) * 60_000, wall - offsetMinutes(wall + day, timeZone) * 60_000])].sort(
    (a, b) => a - b,
  );
  const shows = (t: number) => {
    const l = localTimeOf(new Date(t), timeZone);
    return l.year === local.year && l.month === local.month && l.day === local.day && l.hour === local.hour && l.minute === local.minute;
  };
  return new Date(candidates.find(shows) ?? candidates[candidates.length - 1]);
}

/** The calendar day after a local date (month and year roll over). */
export function nextDay(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>): { year: number; month: number; day: number } {
  const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
