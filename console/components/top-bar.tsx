import { useState } from 'preact/hooks';
import type { Permission } from '../../shared/roles.ts';
import { toApiError, type ApiError } from '../api.ts';
import { t, type Messages } from '../i18n/index.ts';
import { location } from '../router.ts';
import { chooseProject, openProjects, project } from '../state/project.ts';
import { allowed, me, signOut } from '../state/session.ts';
import { ErrorAlert } from './error-alert.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { Link } from './link.tsx';

/** The sections in the navigation, with the area a role must be able to change to see one (none: every role reads it). */
const SECTIONS: ReadonlyArray<{ key: keyof Messages['nav']; area?: Permission }> = [
  { key: 'inbox' },
  { key: 'dashboard' },
  { key: 'surveys' },
  { key: 'guides' },
  { key: 'projects' },
  { key: 'integrations', area: 'integrations' },
  { key: 'users', area: 'users' },
];

/** Brand, sections, project picker, language, and who is signed in. */
export function TopBar() {
  const m = t.value;
  const current = location.value.path.split('/')[1] ?? '';
  const who = me.value;
  // Still signed in if signing out failed: say so rather than seem to ignore the click.
  const [signOutError, setSignOutError] = useState<ApiError | null>(null);
  return (
    <header class="top-bar">
      <Link to="/" class="brand">
        Kizuna <span lang="ja">絆</span>
      </Link>
      <nav aria-label={m.shell.mainNav}>
        <ul>
          {SECTIONS.filter(({ area }) => !area || allowed(area)).map(({ key }) => (
            <li key={key}>
              <Link to={`/${key}`} aria-current={current === key ? 'page' : undefined}>
                {m.nav[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="top-tools">
        {openProjects.value && openProjects.value.length > 0 && (
          <label class="inline-field project-picker">
            <span>{m.shell.project}</span>
            <select value={project.value?.id} title={project.value?.name} onChange={(e) => chooseProject(e.currentTarget.value)}>
              {openProjects.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <LanguageSwitcher />
        {who && (
          <span class="who">
            <Link to="/account" aria-label={`${m.shell.signedInAs(who.name, m.roles[who.role])}: ${m.account.link}`}>
              {m.shell.signedInAs(who.name, m.roles[who.role])}
            </Link>
            <button type="button" class="ghost" onClick={() => signOut().catch((error: unknown) => setSignOutError(toApiError(error)))}>
              {m.shell.signOut}
            </button>
            <ErrorAlert error={signOutError} />
          </span>
        )}
      </div>
    </header>
  );
}
