import { useState } from 'preact/hooks';
import type { Project } from '../../shared/schemas/project.ts';
import { admin } from '../api.ts';
import { TextField } from '../components/field.tsx';
import { Link } from '../components/link.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { TableHead } from '../components/table-head.tsx';
import { t } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { projects, storeProject } from '../state/project.ts';
import { allowed } from '../state/session.ts';
import { useSave } from '../use-save.ts';

/** Every project with its public key, and a new one (for roles that change projects). */
export function ProjectsPage() {
  const m = t.value.projects;
  return (
    <Page title={m.title}>
      {projects.value === undefined ? (
        <p role="status">{t.value.common.loading}</p>
      ) : (
        <table class="list">
          <TableHead columns={[m.name, m.key]} />
          <tbody>
            {projects.value.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/projects/${p.id}`}>{p.name}</Link>
                </th>
                <td>
                  <code>{p.key}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {allowed('projects') && <CreateProject />}
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
