import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { admin } from '../api.ts';
import { Await } from '../components/await.tsx';
import { Link } from '../components/link.tsx';
import { ProjectPage } from '../components/with-project.tsx';
import { t } from '../i18n/index.ts';
import { useLoad } from '../use-load.ts';

/** The project's surveys, each linking to its editor and dashboard. */
export function SurveysPage() {
  const m = t.value.surveys;
  return <ProjectPage title={m.title} create={{ to: '/surveys/new', label: m.newSurvey, area: 'surveys' }} Content={SurveyList} />;
}

function SurveyList({ project }: { project: Project }) {
  const m = t.value.surveys;
  const state = useLoad(() => admin.get<{ items: Survey[] }>(`/projects/${encodeURIComponent(project.id)}/surveys`), [project.id]);
  return (
    <Await state={state}>
      {({ items }) =>
        items.length === 0 ? (
          <p class="muted">{m.empty}</p>
        ) : (
          <ul class="rows">
            {items.map((survey) => (
              <li key={survey.id} class="row">
                <Link to={`/surveys/${survey.id}`} class="row-title">
                  {survey.name}
                </Link>
                <span class={survey.active ? 'badge ok' : 'badge'}>{survey.active ? t.value.common.active : t.value.common.inactive}</span>
                <span class="muted">{m.touchpointCount(survey.touchpoints.length)}</span>
                <Link to={`/dashboard?survey=${encodeURIComponent(survey.id)}`}>{m.dashboard}</Link>
              </li>
            ))}
          </ul>
        )
      }
    </Await>
  );
}
