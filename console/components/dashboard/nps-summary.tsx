import type { SurveyDashboard } from '../../../shared/schemas/dashboard.ts';
import { CATEGORIES } from '../../../shared/score.ts';
import { formatNumber, formatPercent, formatSigned } from '../../i18n/format.ts';
import { t } from '../../i18n/index.ts';
import { Section } from '../section.tsx';

/** The headline: NPS with its change against the previous period, the answers behind it, and the response rate. */
export function NpsSummary({ dashboard }: { dashboard: SurveyDashboard }) {
  const m = t.value.dashboard;
  const { current, npsChange } = dashboard;
  return (
    <div class="summary">
      <Section title={m.nps} class="stat">
        {current.nps === null ? (
          <p class="muted">{m.noAnswers}</p>
        ) : (
          <>
            <p class="big" data-testid="nps-value">
              {formatSigned(Math.round(current.nps))}
            </p>
            <p class={npsChange === null ? 'muted' : npsChange >= 0 ? 'up' : 'down'}>
              {npsChange === null ? (
                m.noChange
              ) : (
                <>
                  <span aria-hidden="true">{npsChange > 0 ? '▲ ' : npsChange < 0 ? '▼ ' : '■ '}</span>
                  {m.change(formatSigned(npsChange, 1))}
                </>
              )}
            </p>
            <p>{m.responses(formatNumber(current.total), current.total)}</p>
            <ul class="breakdown">
              {CATEGORIES.map((category) => {
                const count = current[`${category}s` as const];
                return (
                  <li key={category} class={category}>
                    <span class={`swatch ${category}`} aria-hidden="true" />
                    {t.value.categoriesPlural[category]}: {formatNumber(count)} ({formatPercent(current.total ? count / current.total : 0)})
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Section>
      <Section title={m.responseRate} class="stat">
        {dashboard.responseRate === null ? (
          <p class="muted">{m.noShown}</p>
        ) : (
          <>
            <p class="big">{formatPercent(dashboard.responseRate)}</p>
            <p>{m.rate(formatNumber(dashboard.answered), formatNumber(dashboard.shown))}</p>
          </>
        )}
      </Section>
    </div>
  );
}
