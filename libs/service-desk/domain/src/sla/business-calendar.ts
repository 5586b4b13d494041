import { DomainRuleError } from '../shared/domain-errors';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Working hours of one weekday, local wall-clock time `HH:MM` (`to` may be `24:00`). */
export interface WorkingHours {
  readonly from: string;
  readonly to: string;
}

/**
 * When the clock of an SLA runs: around the clock, or in working hours per weekday in an IANA time
 * zone, never on holidays (local dates `YYYY-MM-DD`). A weekday without hours is a day off.
 */
export type BusinessCalendar =
  | { readonly kind: '24x7' }
  | {
      readonly kind: 'working-hours';
      readonly timeZone: string;
      readonly hours: Partial<Record<Weekday, WorkingHours>>;
      readonly holidays?: readonly string[];
    };

const MINUTE = 60_000;
// Ten years of days without a working minute: a calendar that cannot reach its target.
const MAX_DAYS = 3660;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
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

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The wall clock of `timeZone` at an instant, as if it were UTC (epoch ms): its offset is this minus the instant. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const offsetAt = (instant: number, timeZone: string): number => wallClockMs(Math.floor(instant / 1000) * 1000, timeZone) - Math.floor(instant / 1000) * 1000;

/**
 * The instant a local wall-clock time happens in `timeZone`. A time skipped by a DST change
 * (02:30 on the spring-forward night) is read with the offset before the change, so it lands an
 * hour later, as clocks do; a repeated one (autumn) takes its first occurrence.
 */
export function zonedInstant(date: LocalDate, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE;
  const before = offsetAt(asUtc - 12 * 60 * MINUTE, timeZone);
  const after = offsetAt(asUtc + 12 * 60 * MINUTE, timeZone);
  // The offset before the change, if that reading is consistent; else the one after.
  const early = asUtc - Math.max(before, after);
  if (offsetAt(early, timeZone) === Math.max(before, after)) return early;
  const late = asUtc - Math.min(before, after);
  if (offsetAt(late, timeZone) === Math.min(before, after)) return late;
  return asUtc - before;
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

const isoDate = (d: LocalDate): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const weekdayOf = (d: LocalDate): Weekday => weekdays[(new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Refuses a calendar the clock cannot run on: an unknown time zone, malformed hours, no working day at all. */
export function checkBusinessCalendar(calendar: BusinessCalendar): void {
  if (calendar.kind === '24x7') return;
  try {
    formatterOf(calendar.timeZone);
  } catch {
    throw new DomainRuleError('sla-calendar-time-zone', `Unknown time zone "${calendar.timeZone}" (use an IANA name such as Europe/Berlin).`);
  }
  const days = Object.entries(calendar.hours) as [Weekday, WorkingHours][];
  for (const [day, hours] of days) {
    if (!weekdays.includes(day) || !HHMM.test(hours.from) || !HHMM.test(hours.to) || minutesOf(hours.from) >= minutesOf(hours.to))
      throw new DomainRuleError('sla-calendar-hours', `Working hours of ${day} must be HH:MM to a later HH:MM.`);
  }
  if (days.length === 0) throw new DomainRuleError('sla-calendar-no-working-day', 'A working-hours calendar needs at least one working day.');
  for (const holiday of calendar.holidays ?? [])
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday)) throw new DomainRuleError('sla-calendar-holiday', `Holiday "${holiday}" is not a date YYYY-MM-DD.`);
}

/** The working intervals [start, end) of the calendar's local days, from the day of `from` on, as epoch ms. */
function* workingIntervals(calendar: Extract<BusinessCalendar, { kind: 'working-hours' }>, from: number): Generator<readonly [number, number]> {
  const holidays = new Set(calendar.holidays ?? []);
  // The day before too: its hours may end after `from` in another offset.
  let day = localDateOf(from - 24 * 60 * MINUTE, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    const hours = calendar.hours[weekdayOf(day)];
    if (!hours || holidays.has(isoDate(day))) continue;
    const start = zonedInstant(day, minutesOf(hours.from), calendar.timeZone);
    const end = zonedInstant(day, minutesOf(hours.to), calendar.timeZone);
    if (end > from) yield [Math.max(start, from), end];
  }
  throw new DomainRuleError('sla-calendar-no-working-day', 'The calendar has no working time within ten years.');
}

/** Business time (ms) of the calendar between two instants; zero when `to` is not after `from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (calendar.kind === '24x7') return b - a;
  let total = 0;
  for (const [start, end] of workingIntervals(calendar, a)) {
    if (start >= b) break;
    total += Math.min(end, b) - start;
  }
  return total;
}

/** The instant `ms` of business time after `start` (a target of 0 is `start` itself, or the next working moment). */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, ms: number): Date {
  if (calendar.kind === '24x7') return new Date(start.getTime() + ms);
  let left = Math.max(0, ms);
  for (const [from, end] of workingIntervals(calendar, start.getTime())) {
    if (end - from > left || (left === 0 && end > from)) return new Date(from + left);
    left -= end - from;
    if (left === 0) return new Date(end);
  }
  /* c8 ignore next */
  throw new DomainRuleError('sla-calendar-no-working-day', 'The calendar has no working time within ten years.');
}
