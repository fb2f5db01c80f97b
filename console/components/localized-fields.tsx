import { UI_LOCALES } from '../../shared/localize.ts';
import type { LocalizedDraft } from '../../shared/localized-draft.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { FieldError, TextField } from './field.tsx';

interface LocalizedFieldsProps {
  label: string;
  value: LocalizedDraft;
  onValue(value: LocalizedDraft): void;
  /** Server errors by path; those for `path`, `path.ja` and `path.en` are shown here. */
  errors: Record<string, string>;
  path: string;
  /** Rows of a multi-line text; one line when left out. */
  rows?: number;
}

/** One person-facing text in Japanese and English, side by side. */
export function LocalizedFields({ label, value, onValue, errors, path, rows }: LocalizedFieldsProps) {
  return (
    <fieldset class="localized">
      <legend>{label}</legend>
      {errors[path] && <FieldError message={errors[path]} />}
      <div class="pair">
        {UI_LOCALES.map((lang) => (
          <TextField
            key={lang}
            lang={lang}
            label={
              <>
                <span class="visually-hidden">{label}: </span>
                {LANGUAGE_NAMES[lang]}
              </>
            }
            rows={rows}
            value={value[lang]}
            error={errors[`${path}.${lang}`]}
            onValue={(text) => onValue({ ...value, [lang]: text })}
          />
        ))}
      </div>
    </fieldset>
  );
}
