import { useState } from 'preact/hooks';
import { PASSWORD_LENGTH } from '../../shared/limits.ts';
import { request } from '../api.ts';
import { TextField } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { SaveStatus } from '../components/save-status.tsx';
import { t } from '../i18n/index.ts';
import { me } from '../state/session.ts';
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
      {who?.email ? <ChangePassword /> : <p class="muted">{m.tokenOnly}</p>}
    </Page>
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
