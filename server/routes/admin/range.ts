import { DASHBOARD_DEFAULT_DAYS } from '../../../shared/schemas/dashboard.ts';
import type { ReportRange } from '../../data/store.ts';
import { fieldError } from '../../errors.ts';

const DAY_MS = 86_400_000;

/** `?from&to` as a window `[from, to)`; an end not given stays open. 400 naming `to` unless from < to. */
export function queryRange({ from, to }: { from?: string; to?: string }): ReportRange {
  const range = { from: from === undefined ? undefined : new Date(from), to: to === undefined ? undefined : new Date(to) };
  if (range.from && range.to && range.from >= range.to) throw fieldError(400, 'invalid_query', [{ path: 'to', message: 'must be after from' }]);
  return range;
}

/**
 * `?from&to` as a closed window, as the dashboard shows it: `to` defaults to `now`, `from` to
 * 30 days before `to`. 400 naming `to` unless from < to.
 */
export function windowRange(query: { from?: string; to?: string }, now: Date): Required<ReportRange> {
  const { from, to = now } = queryRange(query);
  const window = { from: from ?? new Date(to.getTime() - DASHBOARD_DEFAULT_DAYS * DAY_MS), to };
  if (window.from >= window.to) throw fieldError(400, 'invalid_query', [{ path: 'to', message: 'must be after from (which defaults to now)' }]);
  return window;
}
