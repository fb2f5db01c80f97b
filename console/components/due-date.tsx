import { formatDate } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';

/** A follow-up's due date; an overdue one says so in words and red, not in colour alone. */
export function DueDate({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  const m = t.value.inbox;
  if (!dueAt) return <span class="muted">{m.noDue}</span>;
  return (
    <span class={overdue ? 'due overdue' : 'due'}>
      <time dateTime={dueAt}>{formatDate(dueAt)}</time>
      {overdue && (
        <span class="badge danger">
          <span aria-hidden="true">⚠ </span>
          {m.overdue}
        </span>
      )}
    </span>
  );
}
