import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { ArchiveButton, ArchivedBadge, ArchiveListTools } from '../components/archive-button.tsx';
import { Await } from '../components/await.tsx';
import { DeleteButton } from '../components/delete-dialog.tsx';
import { Link } from '../components/link.tsx';
import { ProjectPage } from '../components/with-project.tsx';
import { t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useArchivableList } from '../use-archivable-list.ts';

/** The project's surveys, each linking to its editor and dashboard; archived ones on demand. */
export function SurveysPage() {
  const m = t.value.surveys;
  return <ProjectPage title={m.title} create={{ to: '/surveys/new', label: m.newSurvey, area: 'surveys' }} Content={SurveyList} />;
}

function SurveyList({ project }: { project: Project }) {
  const m = t.value.surveys;
  const surveys = useArchivableList<Survey>(`/projects/${encodeURIComponent(project.id)}/surveys`);
  const canChange = allowed('surveys');
  return (
    <>
      <ArchiveListTools showArchived={surveys.showArchived} onShowArchived={surveys.setShowArchived} notice={surveys.notice} />
      <Await state={surveys.list}>
        {({ items }) =>
          items.length === 0 ? (
            <p class="muted">{m.empty}</p>
          ) : (
            <ul class="rows">
              {items.map((survey) => {
                const path = `/surveys/${encodeURIComponent(survey.id)}`;
                return (
                  <li key={survey.id} class="row">
                    <Link to={`/surveys/${survey.id}`} class="row-title">
                      {survey.name}
                    </Link>
                    <ArchivedBadge item={survey} />
                    <span class={survey.active ? 'badge ok' : 'badge'}>{survey.active ? t.value.common.active : t.value.common.inactive}</span>
                    <span class="muted">{m.touchpointCount(survey.touchpoints.length)}</span>
                    <Link to={`/dashboard?survey=${encodeURIComponent(survey.id)}`}>{m.dashboard}</Link>
                    {canChange && (
                      <span class="row-actions">
                        <ArchiveButton path={path} item={survey} onChanged={surveys.changed} />
                        <DeleteButton kind="survey" path={path} name={survey.name} onDeleted={() => surveys.deleted(survey)} />
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Await>
    </>
  );
}
