import { useId, useState } from 'preact/hooks';
import { PASSWORD_LENGTH } from '../../shared/limits.ts';
import type { MailPreferences, MailPreferencesView } from '../../shared/schemas/mail.ts';
import { ADMIN, admin, request } from '../api.ts';
import { Await } from '../components/await.tsx';
import { CheckboxField, TextField } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { Section } from '../components/section.tsx';
import { t } from '../i18n/index.ts';
import { me } from '../state/session.ts';
import { useLoad } from '../use-load.ts';
import { useSave } from '../use-save.ts';

/** `/account`: who is signed in, and a new password (the demo owner's printed one should not last). */
export function AccountPage() {
  const m = t.value.account;
  const who = me.value;
  return (
    <Page title={m.title}>
      {who && (
        <p>
          {who.name} · {who.email ?? '—'} · {t.value.roles[who.role]}
        </p>
      )}
      {who?.email ? (
        <>
          <ChangePassword />
          <MailNotifications email={who.email} />
        </>
      ) : (
        <p class="muted">{m.tokenOnly}</p>
      )}
    </Page>
  );
}

/** What the account is mailed about; a notice instead when the server cannot send mail. */
function MailNotifications({ email }: { email: string }) {
  const m = t.value.account;
  const state = useLoad(() => admin.get<MailPreferencesView>('/me/mail-preferences'), []);
  return (
    <Await state={state}>
      {({ configured, ...chosen }) =>
        configured ? (
          <MailForm email={email} initial={chosen} />
        ) : (
          <Section title={m.mail}>
            <p class="muted">{m.mailNotConfigured}</p>
          </Section>
        )
      }
    </Await>
  );
}

const MAIL_CHOICES = [
  ['assigned', 'mailAssigned'],
  ['newDetractor', 'mailNewDetractor'],
  ['dailyDigest', 'mailDailyDigest'],
] as const;

function MailForm({ email, initial }: { email: string; initial: MailPreferences }) {
  const m = t.value.account;
  const [chosen, setChosen] = useState(initial);
  const save = useSave();
  const titleId = useId();
  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await save.run(() => request<MailPreferencesView>('PUT', `${ADMIN}/me/mail-preferences`, chosen), m.mailSaved);
    if (saved) setChosen({ assigned: saved.assigned, newDetractor: saved.newDetractor, dailyDigest: saved.dailyDigest });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{m.mail}</h2>
      <p class="hint">{m.mailHint(email)}</p>
      <fieldset>
        <legend>{m.mailChoices}</legend>
        {MAIL_CHOICES.map(([key, label]) => (
          <CheckboxField key={key} label={m[label]} checked={chosen[key]} onValue={(checked) => setChosen({ ...chosen, [key]: checked })} />
        ))}
      </fieldset>
      <button type="submit" class="primary" disabled={save.saving}>
        {save.saving ? t.value.common.saving : t.value.common.save}
      </button>
      <SaveStatus error={save.error} saved={save.saved} />
    </form>
  );
}

function ChangePassword() {
  const m = t.value.account;
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const save = useSave();
  const errors = save.fieldErrors;
  const submit = async (event: Event) => {
    event.preventDefault();
    // Other sessions end: whoever knew the old password is signed out everywhere else.
    const done = await save.run(() => request('POST', '/api/auth/change-password', { currentPassword, newPassword, revokeOtherSessions: true }), m.changed);
    if (done === undefined) return;
    setCurrent('');
    setNew('');
  };
  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{m.changePassword}</h2>
      <div class="grid-fields">
        <TextField label={m.currentPassword} type="password" autoComplete="current-password" value={currentPassword} onValue={setCurrent} error={errors.currentPassword} />
        <TextField
          label={m.newPassword}
          type="password"
          autoComplete="new-password"
          hint={m.newPasswordHint(PASSWORD_LENGTH.min)}
          value={newPassword}
          onValue={setNew}
          error={errors.newPassword}
        />
      </div>
      <button type="submit" class="primary" disabled={save.saving}>
        {m.changePassword}
      </button>
      <SaveStatus error={save.error} saved={save.saved} />
    </form>
  );
}
