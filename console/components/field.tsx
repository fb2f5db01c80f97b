import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  label: ComponentChildren;
  /** The server's message for this field, shown under it and read with it. */
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
  children: (control: ControlProps) => ComponentChildren;
}

/** A labelled control with its hint and error underneath, wired up for assistive technology. */
export function Field({ label, error, hint, class: className, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message: string }) {
  return (
    <p id={id} class="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

interface InputProps {
  label: ComponentChildren;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'search' | 'url';
  min?: number | string | undefined;
  max?: number | string | undefined;
  required?: boolean;
  autoComplete?: string;
  lang?: string;
  value: string;
  onValue(value: string): void;
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
  /** A `<textarea>` of this many rows instead of an `<input>`. */
  rows?: number | undefined;
}

/** A text-like `<input>` (text, email, number, date, url…) or a `<textarea>`, whose value is kept as typed. */
export function TextField({ label, value, onValue, error, hint, class: className, rows, ...input }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint} class={className}>
      {(control) =>
        rows ? (
          <textarea {...control} lang={input.lang} rows={rows} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
        ) : (
          // Preact types each input `type` with its own attributes; these (min, max, list…) are valid HTML for all of ours.
          <input {...(input as InputHTMLAttributes)} {...control} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
        )
      }
    </Field>
  );
}

type SelectProps<V extends string> = {
  label: ComponentChildren;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onValue(value: V): void;
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
};

export function SelectField<V extends string>({ label, value, options, onValue, error, hint, class: className }: SelectProps<V>) {
  return (
    <Field label={label} error={error} hint={hint} class={className}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onValue(e.currentTarget.value as V)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({ label, checked, onValue }: { label: ComponentChildren; checked: boolean; onValue(checked: boolean): void }) {
  return (
    <label class="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onValue(e.currentTarget.checked)} />
      {label}
    </label>
  );
}
