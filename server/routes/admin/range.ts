import type { ReportRange } from '../../data/store.ts';
import { fieldError } from '../../errors.ts';

/** `?from&to` as a window `[from, to)`; an end not given stays open. 400 naming `to` unless from < to. */
export function queryRange({ from, to }: { from?: string; to?: string }): ReportRange {
  const range = { from: from === undefined ? undefined : new Date(from), to: to === undefined ? undefined : new Date(to) };
  if (range.from && range.to && range.from >= range.to) throw fieldError(400, 'invalid_query', [{ path: 'to', message: 'must be after from' }]);
  return range;
}
