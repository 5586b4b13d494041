import { instantOf, localTimeOf, nextDay } from './zoned-time';

/** Hours in the client's own time zone when nothing but service messages reaches them; `start` after `end` spans midnight. */
export interface QuietHours {
  /** "HH:MM", local. */
  readonly start: string;
  /** "HH:MM", local; the first minute messages may go again. */
  readonly end: string;
  readonly timeZone: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether a string is a wall-clock time "HH:MM" (00:00–23:59). */
export const isClockTime = (value: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** Whether the instant falls in the quiet hours. Equal start and end: no quiet hours. */
export function inQuietHours(quiet: QuietHours, instant: Date): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const local = localTimeOf(instant, quiet.timeZone);
  const now = local.hour * 60 + local.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** When the quiet hours around the instant end (the next local `end` after it), or undefined when it is not quiet. */
export function quietHoursEnd(quiet: QuietHours, instant: Date): Date | undefined {
  if (!inQuietHours(quiet, instant)) return undefined;
  const end = minutesOf(quiet.end);
  const local = localTimeOf(instant, quiet.timeZone);
  const today = instantOf({ year: local.year, month: local.month, day: local.day, hour: Math.floor(end / 60), minute: end % 60 }, quiet.timeZone);
  if (today.getTime() > instant.getTime()) return today;
  return instantOf({ ...nextDay(local), hour: Math.floor(end / 60), minute: end % 60 }, quiet.timeZone);
}
