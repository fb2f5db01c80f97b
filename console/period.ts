/** The reporting window a page shows: a preset ending now, or chosen days. */
export const PRESETS = ['7d', '30d', '90d', '12m', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  preset: Preset;
  /** `YYYY-MM-DD` in the browser's time zone, both inclusive (custom only). */
  from: string;
  to: string;
}

export type Interval = 'day' | 'week' | 'month';

/** What the API takes: ISO times `[from, to)` and how to bucket the trend. */
export interface Range {
  from: string;
  to: string;
  interval: Interval;
}

const DAY_MS = 86_400_000;
const PRESET_DAYS: Record<Exclude<Preset, 'custom' | '12m'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

/** Trend buckets that give a readable number of points for the span. */
function intervalFor(days: number): Interval {
  if (days <= 14) return 'day';
  if (days <= 180) return 'week';
  return 'month';
}

/** Local midnight of a `YYYY-MM-DD`, or null for anything else. */
function localDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day (`YYYY-MM-DD`) of an ISO time, as a date input shows it. */
export function localDayOf(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last moment of a local day, as an ISO time (a due date is met until the day is over); null for anything but `YYYY-MM-DD`. */
export function endOfLocalDay(day: string): string | null {
  const next = daysRange('', day).to;
  return next ? new Date(Date.parse(next) - 1).toISOString() : null;
}

/** ISO bounds `[from, to)` for inclusive local days, each end optional (a filter by answer date). */
export function daysRange(from: string, to: string): { from?: string; to?: string } {
  const start = localDay(from);
  const last = localDay(to);
  return {
    ...(start ? { from: start.toISOString() } : {}),
    ...(last ? { to: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1).toISOString() } : {}),
  };
}

/** The window of a period at `now`; null for a custom period not fully chosen (or backwards). */
export function rangeOf(period: Period, now = new Date()): Range | null {
  if (period.preset === '12m') {
    const from = new Date(now);
    from.setFullYear(from.getFullYear() - 1);
    return { from: from.toISOString(), to: now.toISOString(), interval: 'month' };
  }
  if (period.preset !== 'custom') {
    const days = PRESET_DAYS[period.preset];
    return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString(), interval: intervalFor(days) };
  }
  const { from, to } = daysRange(period.from, period.to);
  if (!from || !to || to <= from) return null;
  return { from, to, interval: intervalFor((Date.parse(to) - Date.parse(from)) / DAY_MS) };
}

/** The period in a page's query (`?period=90d`, `?period=custom&from=…&to=…`); 30 days by default. */
export function periodOf(query: URLSearchParams): Period {
  const preset = PRESETS.find((p) => p === query.get('period')) ?? '30d';
  return { preset, from: query.get('from') ?? '', to: query.get('to') ?? '' };
}

/** The query parameters that keep a period in the URL (so a reload or a shared link shows the same). */
export const periodQuery = ({ preset, from, to }: Period) =>
  preset === 'custom' ? { period: preset, from, to } : { period: preset, from: null, to: null };
