import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** A labelled control; `hint` is read out with it. */
function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string, hintId: string | undefined) => ComponentChildren }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id, hintId)}
      {hint && (
        <small id={hintId} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

interface TextProps {
  label: string;
  value: string;
  onValue(value: string): void;
  lang?: string;
  hint?: string;
  multiline?: boolean;
}

export function TextInput({ label, value, onValue, lang, hint, multiline }: TextProps) {
  const onInput = (e: Event) => onValue((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) =>
        multiline ? (
          <textarea id={id} lang={lang} rows={3} value={value} aria-describedby={hintId} onInput={onInput} />
        ) : (
          <input id={id} lang={lang} type="text" value={value} aria-describedby={hintId} onInput={onInput} />
        )
      }
    </Field>
  );
}

export function Select<T extends string>({ label, value, options, onValue }: { label: string; value: T; options: Record<T, string>; onValue(value: T): void }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value as T)}>
          {(Object.keys(options) as T[]).map((key) => (
            <option key={key} value={key}>
              {options[key]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onValue }: { label: string; checked: boolean; onValue(checked: boolean): void }) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} onChange={(e) => onValue((e.currentTarget as HTMLInputElement).checked)} />
      {label}
    </label>
  );
}
