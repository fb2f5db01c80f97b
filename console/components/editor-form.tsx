import type { ComponentChildren } from 'preact';
import { t } from '../i18n/index.ts';
import type { Save } from '../use-save.ts';
import { EditableFieldset } from './editable.tsx';
import { SaveStatus } from './save-status.tsx';

interface EditorFormProps {
  /** Whether the signed-in role may change this; if not, the fields are read-only and there is no Save. */
  editable: boolean;
  save: Save;
  onSave(): void;
  children: ComponentChildren;
}

/** An editor's form: its fields, then Save and how the last save went. Validation is the server's, shown at the fields. */
export function EditorForm({ editable, save, onSave, children }: EditorFormProps) {
  const submit = (event: Event) => {
    event.preventDefault();
    onSave();
  };
  return (
    <form class="editor" onSubmit={submit} noValidate>
      <EditableFieldset editable={editable}>{children}</EditableFieldset>
      {editable && (
        <div class="form-actions">
          <button type="submit" class="primary" disabled={save.saving}>
            {save.saving ? t.value.common.saving : t.value.common.save}
          </button>
          <SaveStatus error={save.error} saved={save.saved} />
        </div>
      )}
    </form>
  );
}
