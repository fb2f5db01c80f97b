import { locale } from './index.ts';

/** Numbers, percentages and dates in the console's language (reading `locale` re-renders callers on a switch). */

export const formatNumber = (value: number, maximumFractionDigits = 0) =>
  new Intl.NumberFormat(locale.value, { maximumFractionDigits }).format(value);

/** A signed value with a real minus sign: `+12`, `−3.5`, `0`. */
export const formatSigned = (value: number, maximumFractionDigits = 0) =>
  new Intl.NumberFormat(locale.value, { maximumFractionDigits, signDisplay: 'exceptZero' }).format(value).replace('-', '−');

/** 0.423 → `42%`. */
export const formatPercent = (ratio: number) => new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

export const formatDate = (iso: string) => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(new Date(iso));

export const formatDateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** With seconds, for logs where tries minutes apart must be told apart. */
export const formatDateTimeSeconds = (iso: string) =>
  new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

/** A trend period start (`2026-11-16`, UTC) as a short axis label: day and month, or month and year. */
export function formatPeriod(period: string, interval: 'day' | 'week' | 'month'): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'month' ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale.value, options).format(new Date(`${period.slice(0, 10)}T00:00:00Z`));
}
