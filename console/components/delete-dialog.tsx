import { useState } from 'preact/hooks';
import { admin, toApiError, type ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { Dialog } from './dialog.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { TextField } from './field.tsx';

export type DeletableKind = 'survey' | 'guide' | 'project';

interface DeleteProps {
  kind: DeletableKind;
  /** The item's admin path (`/surveys/srv_…`), sent DELETE. */
  path: string;
  name: string;
  /** Called once the server has deleted it. */
  onDeleted(): void;
}

/** A Delete button that opens the confirmation dialog. */
export function DeleteButton(props: DeleteProps) {
  const [open, setOpen] = useState(false);
  const m = t.value.lifecycle;
  return (
    <>
      <button type="button" class="danger" onClick={() => setOpen(true)} aria-label={m.deleteItem(props.name)}>
        {m.delete}
      </button>
      {open && <DeleteDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Asks for the name typed again before the Delete button enables, so a slip of the finger deletes
 * nothing. When the server refuses because answers depend on the item (409 `has_answers`), says
 * how many and offers to delete them with it (`?force=true`), still behind the typed name.
 */
function DeleteDialog({ kind, path, name, onDeleted, onClose }: DeleteProps & { onClose(): void }) {
  const m = t.value.lifecycle;
  const [typed, setTyped] = useState('');
  const [answers, setAnswers] = useState<number | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const matches = typed.trim() === name.trim();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!matches || deleting) return;
    setDeleting(true);
    try {
      await admin.delete(answers === null ? path : `${path}?force=true`);
      onDeleted();
    } catch (failure) {
      const refused = toApiError(failure);
      if (refused.code === 'has_answers' && refused.answers !== null) {
        setAnswers(refused.answers);
        setError(null);
      } else {
        setError(refused);
      }
      setDeleting(false);
    }
  };

  return (
    <Dialog title={m.deleteTitle(name)} onClose={onClose}>
      <p>{m.deleteText[kind]}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={m.typeName(name)} hint={m.typeNameHint} value={typed} onValue={setTyped} autoComplete="off" />
        {answers !== null && (
          <p class="alert" role="alert">
            {m.hasAnswers[kind](answers)}
          </p>
        )}
        <ErrorAlert error={error} />
        <div class="row">
          <button type="submit" class="danger" disabled={!matches || deleting}>
            {deleting ? m.deleting : answers === null ? m.delete : m.deleteWith[kind](answers)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
