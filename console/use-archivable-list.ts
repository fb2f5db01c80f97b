import { useState } from 'preact/hooks';
import { admin } from './api.ts';
import type { Archivable } from './components/archive-button.tsx';
import { t } from './i18n/index.ts';
import { useLoad } from './use-load.ts';

/**
 * An admin list of surveys or guides with a "Show archived" switch, and what the page says after
 * an item is archived, unarchived or deleted (the item may leave the list, and focus with it).
 */
export function useArchivableList<T extends Archivable>(path: string) {
  const [showArchived, setShowArchived] = useState(false);
  const [notice, setNotice] = useState('');
  const list = useLoad(() => admin.get<{ items: T[] }>(path, { archived: showArchived ? 'include' : undefined }), [path, showArchived]);
  const items = list.data?.items ?? [];
  const m = t.value.lifecycle;
  return {
    list,
    showArchived,
    setShowArchived,
    notice,
    /** Puts the server's answer in place: out of the list when it is archived and archived ones are hidden. */
    changed(updated: T) {
      list.set({ items: items.flatMap((item) => (item.id !== updated.id ? [item] : showArchived || updated.archivedAt === null ? [updated] : [])) });
      setNotice(updated.archivedAt === null ? m.unarchivedNotice(updated.name) : m.archivedNotice(updated.name));
    },
    deleted(item: T) {
      list.set({ items: items.filter((other) => other.id !== item.id) });
      setNotice(m.deletedNotice(item.name));
    },
  };
}
