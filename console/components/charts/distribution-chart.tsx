import { CATEGORIES, categorize } from '../../../shared/score.ts';
import { formatNumber } from '../../i18n/format.ts';
import { t } from '../../i18n/index.ts';
import { ChartFigure } from './chart-figure.tsx';
import { Legend } from './legend.tsx';

const W = 640;
const H = 220;
const PAD = { top: 20, right: 8, bottom: 40, left: 8 };
const SCORE_RANGES = { detractor: '0–6', passive: '7–8', promoter: '9–10' } as const;

/** Answers per score 0…10, each bar in its category's colour; a legend names the colours. */
export function DistributionChart({ distribution }: { distribution: number[] }) {
  const m = t.value.dashboard;
  const max = Math.max(1, ...distribution);
  const slot = (W - PAD.left - PAD.right) / distribution.length;
  const plotH = H - PAD.top - PAD.bottom;
  const sum = (category: string) => formatNumber(distribution.reduce((n, count, score) => (categorize(score) === category ? n + count : n), 0));
  return (
    <>
      <ChartFigure
        summary={m.distributionSummary(sum('detractor'), sum('passive'), sum('promoter'))}
        table={{ caption: m.distribution, head: [m.score, m.count], rows: distribution.map((count, score) => [score, formatNumber(count)]) }}
      >
        <svg class="distribution" viewBox={`0 0 ${W} ${H}`}>
          <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
          {distribution.map((count, score) => {
            const height = (count / max) * plotH;
            const cx = PAD.left + slot * score + slot / 2;
            return (
              <g key={score}>
                <rect class={`bar ${categorize(score)}`} x={cx - slot * 0.35} width={slot * 0.7} y={H - PAD.bottom - height} height={height} />
                <text class="value" x={cx} y={H - PAD.bottom - height - 5} text-anchor="middle">
                  {formatNumber(count)}
                </text>
                <text class="tick" x={cx} y={H - PAD.bottom + 16} text-anchor="middle">
                  {score}
                </text>
              </g>
            );
          })}
          <text class="axis-title" x={W / 2} y={H - 4} text-anchor="middle">
            {m.score}
          </text>
        </svg>
      </ChartFigure>
      <Legend items={CATEGORIES.map((category) => ({ class: category, label: `${t.value.categoriesPlural[category]} (${SCORE_RANGES[category]})` }))} />
    </>
  );
}
