import type { Guide, GuideReport } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { admin } from '../api.ts';
import { ArchiveButton, ArchivedBadge, ArchiveListTools } from '../components/archive-button.tsx';
import { Await } from '../components/await.tsx';
import { BarRows } from '../components/charts/bar-rows.tsx';
import { ChartFigure } from '../components/charts/chart-figure.tsx';
import { Legend } from '../components/charts/legend.tsx';
import { DeleteButton } from '../components/delete-dialog.tsx';
import { Link } from '../components/link.tsx';
import { ProjectPage } from '../components/with-project.tsx';
import { formatNumber } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useArchivableList } from '../use-archivable-list.ts';
import { useLoad } from '../use-load.ts';

/** The project's guides with how many users saw, finished and dismissed each, and where they dropped off; archived ones on demand. */
export function GuidesPage() {
  const m = t.value.guides;
  return <ProjectPage title={m.title} create={{ to: '/guides/new', label: m.newGuide, area: 'guides' }} Content={GuideList} />;
}

function GuideList({ project }: { project: Project }) {
  const guides = useArchivableList<Guide>(`/projects/${encodeURIComponent(project.id)}/guides`);
  return (
    <>
      <ArchiveListTools showArchived={guides.showArchived} onShowArchived={guides.setShowArchived} notice={guides.notice} />
      <Await state={guides.list}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="muted">{t.value.guides.empty}</p>
          ) : (
            <ul class="guide-list">
              {items.map((guide) => (
                <GuideItem key={guide.id} guide={guide} onChanged={guides.changed} onDeleted={() => guides.deleted(guide)} />
              ))}
            </ul>
          )
        }
      </Await>
    </>
  );
}

function GuideItem({ guide, onChanged, onDeleted }: { guide: Guide; onChanged(updated: Guide): void; onDeleted(): void }) {
  const m = t.value.guides;
  const report = useLoad(() => admin.get<GuideReport>(`/guides/${encodeURIComponent(guide.id)}/report`), [guide.id]);
  const path = `/guides/${encodeURIComponent(guide.id)}`;
  return (
    <li class="card">
      <div class="row">
        <h2 class="row-title">
          <Link to={`/guides/${guide.id}`}>{guide.name}</Link>
        </h2>
        <ArchivedBadge item={guide} />
        <span class={guide.active ? 'badge ok' : 'badge'}>{guide.active ? t.value.common.active : t.value.common.inactive}</span>
        {allowed('guides') && (
          <span class="row-actions">
            <ArchiveButton path={path} item={guide} onChanged={onChanged} />
            <DeleteButton kind="guide" path={path} name={guide.name} onDeleted={onDeleted} />
          </span>
        )}
      </div>
      <Await state={report}>
        {(data) => (
          <>
            <dl class="facts inline">
              <dt>{m.shown}</dt>
              <dd>{formatNumber(data.shown)}</dd>
              <dt>{m.completed}</dt>
              <dd>{formatNumber(data.completed)}</dd>
              <dt>{m.dismissed}</dt>
              <dd>{formatNumber(data.dismissed)}</dd>
            </dl>
            <Funnel name={guide.name} report={data} />
          </>
        )}
      </Await>
    </li>
  );
}

/** Users shown and completing each step, on one scale, so the step where people give up stands out. */
function Funnel({ name, report }: { name: string; report: GuideReport }) {
  const m = t.value.guides;
  const first = report.steps[0];
  const last = report.steps[report.steps.length - 1];
  if (!first || !last) return null;
  const max = Math.max(1, ...report.steps.map((s) => s.shown));
  return (
    <>
      <Legend
        items={[
          { class: 'shown', label: m.shown },
          { class: 'completed', label: m.completed },
        ]}
      />
      <ChartFigure
        summary={m.funnelSummary(report.steps.length, formatNumber(first.shown), formatNumber(last.completed))}
        table={{
          caption: m.funnel(name),
          head: [m.steps, m.shown, m.completed],
          rows: report.steps.map((s) => [m.step(s.index + 1), formatNumber(s.shown), formatNumber(s.completed)]),
        }}
      >
        <BarRows
          min={0}
          max={max}
          rows={report.steps.map((s) => ({
            label: m.step(s.index + 1),
            bars: [
              { name: m.shown, class: 'shown', value: s.shown, text: formatNumber(s.shown) },
              { name: m.completed, class: 'completed', value: s.completed, text: formatNumber(s.completed) },
            ],
          }))}
        />
      </ChartFigure>
    </>
  );
}
