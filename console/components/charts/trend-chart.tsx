import type { SurveyDashboard } from '../../../shared/schemas/dashboard.ts';
import { formatNumber, formatPeriod, formatSigned } from '../../i18n/format.ts';
import { t } from '../../i18n/index.ts';
import type { Interval } from '../../period.ts';
import { ChartFigure } from './chart-figure.tsx';

const W = 640;
const H = 240;
const PAD = { top: 16, right: 16, bottom: 44, left: 52 };
const TICKS = [-100, -50, 0, 50, 100];
/** At most this many period labels under the axis; the rest are left out so they never overlap. */
const MAX_LABELS = 8;

/** NPS per period as a line over −100…100, with the number of answers in the data table. */
export function TrendChart({ trend, interval }: { trend: SurveyDashboard['trend']; interval: Interval }) {
  const m = t.value.dashboard;
  const points = trend.filter((p) => p.nps !== null);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <p class="muted">{m.trendEmpty}</p>;

  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (trend.length === 1 ? plotW / 2 : (i / (trend.length - 1)) * plotW);
  const y = (nps: number) => PAD.top + ((100 - nps) / 200) * plotH;
  const every = Math.ceil(trend.length / MAX_LABELS);
  const label = (period: string) => formatPeriod(period, interval);
  const path = trend
    .map((p, i) => (p.nps === null ? null : `${x(i).toFixed(1)},${y(p.nps).toFixed(1)}`))
    .filter(Boolean)
    .join(' L');

  return (
    <ChartFigure
      summary={`${m.trendSummary(points.length, `${label(first.period)} ${formatSigned(first.nps ?? 0)}`, `${label(last.period)} ${formatSigned(last.nps ?? 0)}`)}`}
      table={{
        caption: m.trend,
        head: [m.period, m.nps, m.count],
        rows: trend.map((p) => [label(p.period), p.nps === null ? '–' : formatSigned(p.nps, 1), formatNumber(p.total)]),
      }}
    >
      <svg class="trend" viewBox={`0 0 ${W} ${H}`}>
        {TICKS.map((tick) => (
          <g key={tick}>
            <line class={tick === 0 ? 'axis' : 'grid'} x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text class="tick" x={PAD.left - 8} y={y(tick)} text-anchor="end" dominant-baseline="middle">
              {formatSigned(tick)}
            </text>
          </g>
        ))}
        <text class="axis-title" transform={`translate(14 ${PAD.top + plotH / 2}) rotate(-90)`} text-anchor="middle">
          {m.nps}
        </text>
        <path class="line" d={`M${path}`} />
        {trend.map((p, i) =>
          p.nps === null ? null : <circle key={p.period} class="point" cx={x(i)} cy={y(p.nps)} r={3.5} />,
        )}
        {trend.map((p, i) =>
          i % every === 0 || i === trend.length - 1 ? (
            <text key={p.period} class="tick" x={x(i)} y={H - PAD.bottom + 18} text-anchor="middle">
              {label(p.period)}
            </text>
          ) : null,
        )}
        <text class="axis-title" x={PAD.left + plotW / 2} y={H - 6} text-anchor="middle">
          {m.period}
        </text>
      </svg>
    </ChartFigure>
  );
}
