import type { ComponentChildren, ComponentType } from 'preact';
import type { Permission } from '../../shared/roles.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { t } from '../i18n/index.ts';
import { project, projects } from '../state/project.ts';
import { allowed } from '../state/session.ts';
import { Link } from './link.tsx';
import { Page } from './page.tsx';

/** The chosen project for a page about one project; a pointer to the projects page when there is none. */
export function WithProject({ children }: { children: (project: Project) => ComponentChildren }) {
  if (projects.value === undefined) {
    return (
      <p class="muted" role="status">
        {t.value.common.loading}
      </p>
    );
  }
  if (!project.value) {
    return (
      <p>
        {t.value.common.noProject} <Link to="/projects">{t.value.nav.projects}</Link>
      </p>
    );
  }
  return <>{children(project.value)}</>;
}

interface ProjectPageProps {
  title: string;
  /** A "New …" link, for roles that may change `area`. */
  create?: { to: string; label: string; area: Permission };
  /** The page's content for the chosen project, started afresh when another project is chosen. */
  Content: ComponentType<{ project: Project }>;
}

/** A page about the chosen project. */
export function ProjectPage({ title, create, Content }: ProjectPageProps) {
  const actions = create && allowed(create.area) && (
    <Link to={create.to} class="button primary">
      {create.label}
    </Link>
  );
  return (
    <Page title={title} actions={actions}>
      <WithProject>{(project) => <Content key={project.id} project={project} />}</WithProject>
    </Page>
  );
}
