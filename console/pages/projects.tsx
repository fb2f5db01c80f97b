import { useState } from 'preact/hooks';
import type { Project } from '../../shared/schemas/project.ts';
import { admin } from '../api.ts';
import { ArchiveButton, ArchivedBadge, ArchiveListTools } from '../components/archive-button.tsx';
import { DeleteButton } from '../components/delete-dialog.tsx';
import { TextField } from '../components/field.tsx';
import { Link } from '../components/link.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { TableHead } from '../components/table-head.tsx';
import { t } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { forgetProject, projects, storeProject } from '../state/project.ts';
import { allowed, me } from '../state/session.ts';
import { useSave } from '../use-save.ts';

/**
 * Every project with its public key (archived ones on demand), and a new one, for roles that
 * change projects; those archive them too, and owners delete them.
 */
export function ProjectsPage() {
  const m = t.value.projects;
  const l = t.value.lifecycle;
  const [showArchived, setShowArchived] = useState(false);
  const [notice, setNotice] = useState('');
  const canArchive = allowed('projects');
  // Deleting a whole project is kept to owners by the API (server/auth/permissions.ts).
  const canDelete = me.value?.role === 'owner';
  const shown = projects.value?.filter((p) => showArchived || p.archivedAt === null);
  const changed = (updated: Project) => {
    storeProject(updated);
    setNotice(updated.archivedAt === null ? l.unarchivedNotice(updated.name) : l.archivedNotice(updated.name));
  };
  const deleted = (gone: Project) => {
    forgetProject(gone.id);
    setNotice(l.deletedNotice(gone.name));
  };
  return (
    <Page title={m.title}>
      <ArchiveListTools showArchived={showArchived} onShowArchived={setShowArchived} notice={notice} />
      {shown === undefined ? (
        <p role="status">{t.value.common.loading}</p>
      ) : (
        <table class="list">
          <TableHead columns={canArchive || canDelete ? [m.name, m.key, l.actions] : [m.name, m.key]} />
          <tbody>
            {shown.map((p) => {
              const path = `/projects/${encodeURIComponent(p.id)}`;
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/projects/${p.id}`}>{p.name}</Link> <ArchivedBadge item={p} />
                  </th>
                  <td>
                    <code>{p.key}</code>
                  </td>
                  {(canArchive || canDelete) && (
                    <td>
                      <span class="row-actions">
                        {canArchive && <ArchiveButton path={path} item={p} onChanged={changed} />}
                        {canDelete && <DeleteButton kind="project" path={path} name={p.name} onDeleted={() => deleted(p)} />}
                      </span>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canArchive && <CreateProject />}
    </Page>
  );
}

function CreateProject() {
  const [name, setName] = useState('');
  const save = useSave();
  const m = t.value.projects;
  const submit = async (event: Event) => {
    event.preventDefault();
    const created = await save.run(() => admin.post<Project>('/projects', { name }));
    if (!created) return;
    storeProject(created);
    navigate(`/projects/${created.id}`);
  };
  return (
    <form class="card inline-form" onSubmit={submit}>
      <h2>{m.create}</h2>
      <TextField label={m.newName} value={name} onValue={setName} error={save.fieldErrors.name} />
      <button type="submit" class="primary" disabled={save.saving}>
        {m.create}
      </button>
      <SaveStatus error={save.error} saved={save.saved} />
    </form>
  );
}
