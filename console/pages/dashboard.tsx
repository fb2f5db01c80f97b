import { useMemo } from 'preact/hooks';
import type { SurveyDashboard } from '../../shared/schemas/dashboard.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { admin } from '../api.ts';
import { Await } from '../components/await.tsx';
import { DistributionChart } from '../components/charts/distribution-chart.tsx';
import { TrendChart } from '../components/charts/trend-chart.tsx';
import { CsvLinks } from '../components/csv-links.tsx';
import { Comments } from '../components/dashboard/comments.tsx';
import { ImpactChart } from '../components/dashboard/impact.tsx';
import { LoyaltyMatrix } from '../components/dashboard/loyalty-matrix.tsx';
import { NpsSummary } from '../components/dashboard/nps-summary.tsx';
import { SelectField } from '../components/field.tsx';
import { PeriodPicker } from '../components/period-picker.tsx';
import { Section } from '../components/section.tsx';
import { ProjectPage } from '../components/with-project.tsx';
import { t } from '../i18n/index.ts';
import { periodOf, periodQuery, rangeOf, type Range } from '../period.ts';
import { location, setQuery } from '../router.ts';
import { useLoad } from '../use-load.ts';

/** `/dashboard?survey=…&period=…`: one survey's figures for a period; the query keeps both across reloads and links. */
export function DashboardPage() {
  return <ProjectPage title={t.value.dashboard.title} Content={ProjectDashboard} />;
}

function ProjectDashboard({ project }: { project: Project }) {
  const m = t.value.dashboard;
  // Archived surveys too: their dashboards stay readable.
  const surveys = useLoad(() => admin.get<{ items: Survey[] }>(`/projects/${encodeURIComponent(project.id)}/surveys`, { archived: 'include' }), [project.id]);
  const { query } = location.value;
  const period = periodOf(query);
  // "Last 30 days" is counted from when the period was chosen, not from each render.
  const range = useMemo(() => rangeOf(period), [period.preset, period.from, period.to]);
  return (
    <Await state={surveys}>
      {({ items }) => {
        const survey = items.find((s) => s.id === query.get('survey')) ?? items[0];
        if (!survey) return <p class="muted">{m.noSurveys}</p>;
        return (
          <>
            <div class="toolbar">
              <SelectField label={m.survey} value={survey.id} options={items.map((s) => ({ value: s.id, label: s.archivedAt === null ? s.name : `${s.name} (${t.value.lifecycle.archived})` }))} onValue={(id) => setQuery({ survey: id })} />
              <PeriodPicker value={period} onValue={(next) => setQuery(periodQuery(next))} />
            </div>
            {range ? <SurveyFigures key={survey.id} survey={survey} range={range} /> : <p class="muted">{t.value.period.incomplete}</p>}
            <Section title={m.export}>
              <CsvLinks projectId={project.id} range={range} />
            </Section>
          </>
        );
      }}
    </Await>
  );
}

function SurveyFigures({ survey, range }: { survey: Survey; range: Range }) {
  const m = t.value.dashboard;
  const dashboard = useLoad(
    () => admin.get<SurveyDashboard>(`/surveys/${encodeURIComponent(survey.id)}/dashboard`, { from: range.from, to: range.to, interval: range.interval }),
    [survey.id, range.from, range.to, range.interval],
  );
  // Comments load beside the figures, not after them: the slow part of a long period is the figures.
  return (
    <div class="figures">
      <Await state={dashboard}>
        {(data) => (
          <>
            <NpsSummary dashboard={data} />
            <Section title={m.trend} class="wide">
              <TrendChart trend={data.trend} interval={range.interval} />
            </Section>
            <Section title={m.distribution}>
              <DistributionChart distribution={data.distribution} />
            </Section>
            <Section title={m.impact}>
              <p class="hint">{m.impactHint}</p>
              <ImpactChart factors={data.factors} />
            </Section>
            <Section title={m.matrix} class="wide">
              <LoyaltyMatrix matrix={data.matrix} surveyId={survey.id} range={range} />
            </Section>
          </>
        )}
      </Await>
      <Section title={m.comments} class="wide">
        <Comments survey={survey} range={range} />
      </Section>
    </div>
  );
}
