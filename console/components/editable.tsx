import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * Whether the form around may be changed by the signed-in role. Controls that only change the form
 * (add, move, remove) read it and disappear when it is false: a role sees what it cannot do as
 * read-only text, not as buttons that fail.
 */
export const Editable = createContext(true);

export const useEditable = () => useContext(Editable);

/** A fieldset whose controls are read-only (disabled) unless the role may edit. */
export function EditableFieldset({ editable, children }: { editable: boolean; children: ComponentChildren }) {
  return (
    <Editable.Provider value={editable}>
      <fieldset class="plain" disabled={!editable}>
        {children}
      </fieldset>
    </Editable.Provider>
  );
}

/** An "Add …" button, shown only where the form may be edited. */
export function AddButton({ label, onClick }: { label: ComponentChildren; onClick(): void }) {
  if (!useEditable()) return null;
  return (
    <button type="button" class="small" onClick={onClick}>
      <span aria-hidden="true">+ </span>
      {label}
    </button>
  );
}
