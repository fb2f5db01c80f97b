import { useEffect, useId, useState } from 'preact/hooks';
import { embedSnippet } from '../../server/pages/snippet.ts';
import { UI_LOCALES, type UiLocale } from '../../shared/localize.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { admin, serverOrigin } from '../api.ts';
import type { PageProps } from '../app.tsx';
import { Await } from '../components/await.tsx';
import { CopyButton } from '../components/copy-button.tsx';
import { CsvLinks } from '../components/csv-links.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { PeriodPicker } from '../components/period-picker.tsx';
import { Privacy } from '../components/privacy.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { Section } from '../components/section.tsx';
import { toNumber } from '../drafts/numbers.ts';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { LANGUAGE_NAMES, t } from '../i18n/index.ts';
import { rangeOf, type Period } from '../period.ts';
import { chooseProject, storeProject } from '../state/project.ts';
import { allowed } from '../state/session.ts';
import { useLoad } from '../use-load.ts';
import { useSave } from '../use-save.ts';

/** One project: its settings, the snippet to install, whether the widget has been seen, and CSV downloads. */
export function ProjectSettingsPage({ params }: PageProps) {
  const id = params.projectId ?? '';
  const state = useLoad(() => admin.get<Project>(`/projects/${encodeURIComponent(id)}`), [id]);
  useEffect(() => chooseProject(id), [id]);
  return (
    <Await state={state}>
      {(project) => (
        <Page title={project.name}>
          <div class="columns">
            <div>
              {allowed('projects') ? (
                <SettingsForm
                  project={project}
                  onSaved={(saved) => {
                    state.set(saved);
                    storeProject(saved);
                  }}
                />
              ) : (
                <SettingsView project={project} />
              )}
            </div>
            <div>
              <Snippet project={project} />
              <InstallCheck project={project} />
              <Export project={project} />
              <Privacy projectId={project.id} />
            </div>
          </div>
        </Page>
      )}
    </Await>
  );
}

/** An origin issue (`allowedOrigins.2`) belongs to the origins field. */
const originsError = (errors: Record<string, string>) =>
  Object.entries(errors)
    .filter(([path]) => path === 'allowedOrigins' || path.startsWith('allowedOrigins.'))
    .map(([path, message]) => {
      const line = Number(path.split('.')[1]);
      return Number.isInteger(line) ? `${t.value.projects.line(line + 1)}: ${message}` : message;
    })
    .join(' ') || undefined;

function SettingsForm({ project, onSaved }: { project: Project; onSaved(project: Project): void }) {
  const m = t.value.projects;
  const [name, setName] = useState(project.name);
  const [origins, setOrigins] = useState(project.allowedOrigins.join('\n'));
  const [maxStarts, setMaxStarts] = useState(String(project.maxStartsPerPageView));
  const [boundary, setBoundary] = useState(project.ltvBoundary === null ? '' : String(project.ltvBoundary));
  const [retention, setRetention] = useState(project.retentionDays === null ? '' : String(project.retentionDays));
  const [language, setLanguage] = useState<UiLocale>(project.language);
  const [timeZone, setTimeZone] = useState(project.timeZone);
  const save = useSave();
  const titleId = useId();
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      name,
      allowedOrigins: origins.split('\n').map((line) => line.trim()).filter(Boolean),
      maxStartsPerPageView: toNumber(maxStarts),
      ltvBoundary: boundary.trim() === '' ? null : toNumber(boundary),
      retentionDays: retention.trim() === '' ? null : toNumber(retention),
      language,
      timeZone: timeZone.trim(),
    };
    const saved = await save.run(() => admin.patch<Project>(`/projects/${encodeURIComponent(project.id)}`, body), t.value.common.saved);
    if (saved) onSaved(saved);
  };
  const errors = save.fieldErrors;
  return (
    <form class="card" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{m.settings}</h2>
      <TextField label={m.name} value={name} onValue={setName} error={errors.name} />
      <TextField label={m.origins} rows={3} value={origins} onValue={setOrigins} hint={m.originsHint} error={originsError(errors)} />
      <TextField label={m.maxStarts} type="number" min={1} max={10} value={maxStarts} onValue={setMaxStarts} error={errors.maxStartsPerPageView} />
      <TextField label={m.ltvBoundary} type="number" min={0} value={boundary} onValue={setBoundary} hint={m.ltvHint} error={errors.ltvBoundary} />
      <TextField label={m.retention} type="number" value={retention} onValue={setRetention} hint={m.retentionHint} error={errors.retentionDays} />
      <RetentionLastRun project={project} />
      <SelectField<UiLocale> label={m.language} value={language} options={LANGUAGE_OPTIONS} onValue={setLanguage} hint={m.languageHint} error={errors.language} />
      <TextField label={m.timeZone} value={timeZone} onValue={setTimeZone} hint={m.timeZoneHint} error={errors.timeZone} />
      <button type="submit" class="primary" disabled={save.saving}>
        {save.saving ? t.value.common.saving : t.value.common.save}
      </button>
      <SaveStatus error={save.error} saved={save.saved} />
    </form>
  );
}

const LANGUAGE_OPTIONS = UI_LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }));

function SettingsView({ project }: { project: Project }) {
  const m = t.value.projects;
  return (
    <Section title={m.settings}>
      <dl class="facts">
        <dt>{m.origins}</dt>
        <dd>{project.allowedOrigins.length ? project.allowedOrigins.join(', ') : t.value.common.none}</dd>
        <dt>{m.maxStarts}</dt>
        <dd>{project.maxStartsPerPageView}</dd>
        <dt>{m.ltvBoundary}</dt>
        <dd>{project.ltvBoundary === null ? m.ltvMedian : formatNumber(project.ltvBoundary)}</dd>
        <dt>{m.retention}</dt>
        <dd>{project.retentionDays === null ? m.retentionOff : m.retentionDays(project.retentionDays)}</dd>
        <dt>{m.language}</dt>
        <dd>{LANGUAGE_NAMES[project.language]}</dd>
        <dt>{m.timeZone}</dt>
        <dd>{project.timeZone}</dd>
      </dl>
      <RetentionLastRun project={project} />
    </Section>
  );
}

/** When retention last ran over the project and what it deleted (only once it is on or has run). */
function RetentionLastRun({ project }: { project: Project }) {
  const m = t.value.projects;
  const run = project.retentionLastRun;
  if (!run && project.retentionDays === null) return null;
  return <p class="hint">{run ? m.retentionLastRun(formatDateTime(run.at), formatNumber(run.events), formatNumber(run.comments)) : m.retentionNotRun}</p>;
}

function Snippet({ project }: { project: Project }) {
  const m = t.value.projects;
  const snippet = embedSnippet(serverOrigin(), project.key);
  return (
    <Section title={m.snippet}>
      <p class="hint">{m.snippetHint}</p>
      <dl class="facts">
        <dt>{m.key}</dt>
        <dd>
          <code>{project.key}</code>
        </dd>
      </dl>
      <pre class="snippet" tabIndex={0} aria-label={m.snippet}>
        <code>{snippet}</code>
      </pre>
      <CopyButton text={snippet} label={m.copySnippet} />
    </Section>
  );
}

function InstallCheck({ project }: { project: Project }) {
  const m = t.value.projects;
  const seen = project.lastSeen;
  return (
    <Section title={m.install}>
      <p class={seen ? 'ok-text' : 'muted'}>
        <span aria-hidden="true">{seen ? '✓ ' : '○ '}</span>
        {seen ? m.lastSeen(seen.url, formatDateTime(seen.at)) : m.notSeen}
      </p>
    </Section>
  );
}

function Export({ project }: { project: Project }) {
  const m = t.value.projects;
  const [period, setPeriod] = useState<Period>({ preset: '30d', from: '', to: '' });
  return (
    <Section title={m.export}>
      <p class="hint">{m.exportHint}</p>
      <PeriodPicker value={period} onValue={setPeriod} />
      <CsvLinks projectId={project.id} range={rangeOf(period)} />
    </Section>
  );
}
