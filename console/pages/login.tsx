import { useState } from 'preact/hooks';
import { ErrorAlert } from '../components/error-alert.tsx';
import { TextField } from '../components/field.tsx';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { Page } from '../components/page.tsx';
import { t } from '../i18n/index.ts';
import { signIn } from '../state/session.ts';
import { useSave } from '../use-save.ts';

/** Shown at whatever console address was asked for while nobody is signed in; signing in shows that page. */
export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const save = useSave();
  const m = t.value.login;
  const submit = (event: Event) => {
    event.preventDefault();
    void save.run(() => signIn(email, password));
  };
  return (
    <main id="main" class="login">
      <div class="login-box">
        <p class="brand">Kizuna 絆</p>
        <Page title={m.title}>
          <form onSubmit={submit} noValidate>
            {save.error?.status === 401 ? (
              <p class="alert" role="alert">
                {m.wrong}
              </p>
            ) : (
              <ErrorAlert error={save.error} />
            )}
            <TextField label={m.email} type="email" autoComplete="username" required value={email} onValue={setEmail} error={save.fieldErrors.email} />
            <TextField
              label={m.password}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onValue={setPassword}
              error={save.fieldErrors.password}
            />
            <button type="submit" class="primary" disabled={save.saving}>
              {save.saving ? m.submitting : m.submit}
            </button>
          </form>
        </Page>
        <LanguageSwitcher />
      </div>
    </main>
  );
}
