import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../shared/roles.ts';
import { toApiError, type ApiError } from './api.ts';
import { ErrorAlert } from './components/error-alert.tsx';
import { Page } from './components/page.tsx';
import { TopBar } from './components/top-bar.tsx';
import { t } from './i18n/index.ts';
import { AccountPage } from './pages/account.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { FollowupPage } from './pages/followup.tsx';
import { GuideEditorPage } from './pages/guide-editor.tsx';
import { GuidesPage } from './pages/guides.tsx';
import { InboxPage } from './pages/inbox.tsx';
import { IntegrationsPage } from './pages/integrations.tsx';
import { LoginPage } from './pages/login.tsx';
import { ProjectSettingsPage } from './pages/project-settings.tsx';
import { ProjectsPage } from './pages/projects.tsx';
import { SurveyEditorPage } from './pages/survey-editor.tsx';
import { SurveysPage } from './pages/surveys.tsx';
import { UsersPage } from './pages/users.tsx';
import { location, match, navigate } from './router.ts';
import { loadProjects } from './state/project.ts';
import { loadSession, me } from './state/session.ts';

/** A page gets the route's parameters (`/surveys/:surveyId` → `{ surveyId }`). */
export type PageProps = { params: Record<string, string> };

/** First match wins, so `/surveys/new` comes before `/surveys/:surveyId`. */
const ROUTES: ReadonlyArray<[string, ComponentType<PageProps>]> = [
  ['/inbox', InboxPage],
  ['/inbox/:followupId', FollowupPage],
  ['/dashboard', DashboardPage],
  ['/surveys', SurveysPage],
  ['/surveys/new', SurveyEditorPage],
  ['/surveys/:surveyId', SurveyEditorPage],
  ['/guides', GuidesPage],
  ['/guides/new', GuideEditorPage],
  ['/guides/:guideId', GuideEditorPage],
  ['/projects', ProjectsPage],
  ['/projects/:projectId', ProjectSettingsPage],
  ['/integrations', IntegrationsPage],
  ['/users', UsersPage],
  ['/account', AccountPage],
];

/** Where `/admin` lands: customer success works the follow-up inbox; everyone else starts on the numbers. */
const HOME: Record<Role, string> = { cs: '/inbox', product: '/dashboard', admin: '/dashboard', owner: '/dashboard' };

/** The console: who is signed in decides between the login page and the app. */
export function App() {
  const [error, setError] = useState<ApiError | null>(null);
  const check = () => {
    setError(null);
    loadSession().catch((failure: unknown) => setError(toApiError(failure)));
  };
  useEffect(check, []);

  if (me.value === null) return <LoginPage />;
  if (me.value === undefined) {
    return (
      <main id="main">
        {error ? (
          <>
            <ErrorAlert error={error} />
            <button type="button" onClick={check}>
              {t.value.common.retry}
            </button>
          </>
        ) : (
          <p role="status">{t.value.common.loading}</p>
        )}
      </main>
    );
  }
  return <Shell role={me.value.role} />;
}

function Shell({ role }: { role: Role }) {
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    loadProjects().catch((failure: unknown) => setError(toApiError(failure)));
  }, []);
  const { path } = location.value;
  useEffect(() => {
    if (path === '/') navigate(HOME[role], { replace: true });
  }, [path]);

  const route = ROUTES.map(([pattern, page]) => [match(pattern, path), page] as const).find(([params]) => params);
  const skip = (event: Event) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <a class="skip-link" href="#main" onClick={skip}>
        {t.value.shell.skip}
      </a>
      <TopBar />
      <main id="main" tabIndex={-1}>
        <ErrorAlert error={error} />
        {route ? <CurrentPage key={path} page={route[1]} params={route[0] ?? {}} /> : path !== '/' && <NotFound />}
      </main>
    </>
  );
}

const CurrentPage = ({ page: Component, params }: { page: ComponentType<PageProps>; params: Record<string, string> }) => <Component params={params} />;

function NotFound() {
  return (
    <Page title={t.value.common.notFound}>
      <p>{t.value.common.notFoundText}</p>
    </Page>
  );
}
