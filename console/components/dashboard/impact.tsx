import { localize } from '../../../shared/localize.ts';
import type { SurveyDashboard } from '../../../shared/schemas/dashboard.ts';
import { CATEGORIES, FACTOR_MAX, FACTOR_MIN } from '../../../shared/score.ts';
import { formatNumber, formatSigned } from '../../i18n/format.ts';
import { locale, t } from '../../i18n/index.ts';
import { BarRows } from '../charts/bar-rows.tsx';
import { ChartFigure } from '../charts/chart-figure.tsx';
import { Legend } from '../charts/legend.tsx';

const mean = (value: number | null) => (value === null ? '–' : formatSigned(value, 1));

/**
 * How each touchpoint moved the score, lowest first (the server's order): the mean over everyone
 * and per category on one −3…+3 scale, so a touchpoint that detractors rate badly stands out.
 */
export function ImpactChart({ factors }: { factors: SurveyDashboard['factors'] }) {
  const m = t.value.dashboard;
  const rated = factors.filter((f) => f.count > 0);
  const worst = rated[0];
  if (!worst) return <p class="muted">{m.noImpact}</p>;
  const label = (f: (typeof factors)[number]) => localize(f.label, locale.value);
  const series = [
    { class: 'overall', name: m.overall, value: (f: (typeof factors)[number]) => f.mean },
    ...CATEGORIES.map((category) => ({ class: category, name: t.value.categoriesPlural[category], value: (f: (typeof factors)[number]) => f.meanByCategory[category] })),
  ];
  return (
    <>
      <Legend items={series.map((s) => ({ class: s.class, label: s.name }))} />
      <ChartFigure
        summary={m.impactSummary(`${label(worst)} (${mean(worst.mean)})`)}
        table={{
          caption: m.impact,
          head: [m.touchpoint, ...series.map((s) => s.name), m.count],
          rows: rated.map((f) => [label(f), ...series.map((s) => mean(s.value(f))), formatNumber(f.count)]),
        }}
      >
        <BarRows
          min={FACTOR_MIN}
          max={FACTOR_MAX}
          rows={rated.map((f) => ({
            label: `${label(f)} · ${m.answeredBy(formatNumber(f.count))}`,
            bars: series.map((s) => ({ name: s.name, class: s.class, value: s.value(f), text: mean(s.value(f)) })),
          }))}
        />
      </ChartFigure>
    </>
  );
}
