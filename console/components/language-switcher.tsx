import { UI_LOCALES, type UiLocale } from '../../shared/localize.ts';
import { LANGUAGE_NAMES, locale, setLocale, t } from '../i18n/index.ts';

export function LanguageSwitcher() {
  return (
    <label class="inline-field">
      <span>{t.value.shell.language}</span>
      <select value={locale.value} onChange={(e) => setLocale(e.currentTarget.value as UiLocale)}>
        {UI_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
