import { admin } from '../api.ts';
import { t } from '../i18n/index.ts';
import { useSave } from '../use-save.ts';
import { ErrorAlert } from './error-alert.tsx';
import { CheckboxField } from './field.tsx';

/** What can be archived: a survey, a guide or a project as the API gives it. */
export interface Archivable {
  id: string;
  name: string;
  archivedAt: string | null;
}

interface ArchiveButtonProps<T extends Archivable> {
  /** The item's admin path (`/surveys/srv_…`), PATCHed with `{ archived }`. */
  path: string;
  item: T;
  /** The item as the server answered, archived or not. */
  onChanged(updated: T): void;
}

/** Archives an item, or unarchives an archived one. */
export function ArchiveButton<T extends Archivable>({ path, item, onChanged }: ArchiveButtonProps<T>) {
  const m = t.value.lifecycle;
  const save = useSave();
  const archived = item.archivedAt !== null;
  const toggle = async () => {
    const updated = await save.run(() => admin.patch<T>(path, { archived: !archived }));
    if (updated) onChanged(updated);
  };
  return (
    <>
      <button type="button" onClick={toggle} disabled={save.saving} aria-label={archived ? m.unarchiveItem(item.name) : m.archiveItem(item.name)}>
        {archived ? m.unarchive : m.archive}
      </button>
      <ErrorAlert error={save.error} />
    </>
  );
}

/** Marks an archived item in a list. */
export function ArchivedBadge({ item }: { item: Archivable }) {
  return item.archivedAt === null ? null : <span class="badge archived">{t.value.lifecycle.archived}</span>;
}

/** Above a list: the "Show archived" switch, and the last archive or delete said aloud. */
export function ArchiveListTools({ showArchived, onShowArchived, notice }: { showArchived: boolean; onShowArchived(show: boolean): void; notice: string }) {
  return (
    <div class="list-tools">
      <CheckboxField label={t.value.lifecycle.showArchived} checked={showArchived} onValue={onShowArchived} />
      <p role="status" class="muted">
        {notice}
      </p>
    </div>
  );
}
