import { UI_LOCALES, type UiLocale } from '../../shared/localize.ts';
import { admin } from '../api.ts';
import { LANGUAGE_NAMES, locale, setLocale, t } from '../i18n/index.ts';
import { me } from '../state/session.ts';

/** Switches the console's language; a signed-in account's choice is also recorded, so its e-mails come in it. */
export function LanguageSwitcher() {
  const choose = (language: UiLocale) => {
    setLocale(language);
    // Best effort: the console works in the new language whether or not this lands (the admin token has no account).
    if (me.value?.email) admin.patch('/me', { language }).catch(() => {});
  };
  return (
    <label class="inline-field">
      <span>{t.value.shell.language}</span>
      <select value={locale.value} onChange={(e) => choose(e.currentTarget.value as UiLocale)}>
        {UI_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
