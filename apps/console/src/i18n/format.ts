import { useTranslation } from 'react-i18next';

// Intl formatters are costly to build (a list renders hundreds of dates): one set per language.
const formatters = new Map<string, ReturnType<typeof formattersFor>>();
const formattersFor = (locale: string) => ({
  dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  number: new Intl.NumberFormat(locale),
  money: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  units: Object.fromEntries(
    (['day', 'hour', 'minute'] as const).map((u) => [u, new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' })]),
  ) as Record<'day' | 'hour' | 'minute', Intl.NumberFormat>,
});

/** Dates, numbers and durations in the operator's language (Intl), never hand-formatted. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'ru' ? 'ru-RU' : 'en-GB';
  if (!formatters.has(locale)) formatters.set(locale, formattersFor(locale));
  const { dateTime, number, money, relative, units } = formatters.get(locale) as ReturnType<typeof formattersFor>;
  return {
    locale,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    number: (n: number) => number.format(n),
    money: (decimal: string) => money.format(Number(decimal)),
    /** "5 minutes ago", "3 days ago". */
    ago: (iso: string) => {
      const seconds = (Date.parse(iso) - Date.now()) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return relative.format(Math.round(seconds), 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
      return relative.format(Math.round(seconds / 86_400), 'day');
    },
    /** A duration like "2 h 5 min" / "2 ч 5 мин". */
    duration: (ms: number) => {
      const minutes = Math.floor(ms / 60_000);
      const unit = (value: number, u: 'day' | 'hour' | 'minute') => units[u].format(value);
      if (minutes < 60) return unit(minutes, 'minute');
      if (minutes < 1440) return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
      return `${unit(Math.floor(minutes / 1440), 'day')} ${unit(Math.floor((minutes % 1440) / 60), 'hour')}`;
    },
  };
}
