import { useState } from 'preact/hooks';
import type { CustomerExport, Erasure } from '../../shared/schemas/customer.ts';
import { admin, type ApiError } from '../api.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useLoad } from '../use-load.ts';
import { useSave } from '../use-save.ts';
import { Await } from './await.tsx';
import { Dialog } from './dialog.tsx';
import { TextField } from './field.tsx';
import { SaveStatus } from './save-status.tsx';
import { Section } from './section.tsx';
import { TableHead } from './table-head.tsx';

const customerPath = (projectId: string, userId: string) => `/projects/${encodeURIComponent(projectId)}/customers/${encodeURIComponent(userId)}`;

/** Saves `data` as a JSON file through a temporary link (a fetch, unlike a plain link, lets a 404 be shown at the field). */
function saveJson(data: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The message for the user id field: required, or nothing stored under it. */
const userIdError = (error: ApiError | null) => (error?.code === 'customer_not_found' ? t.value.privacy.notFound : undefined);

/**
 * Privacy requests about one end-user of the project: download everything stored about them, or
 * erase it (owners and admins, after typing the id again), and the erasure log.
 */
export function Privacy({ projectId }: { projectId: string }) {
  const m = t.value.privacy;
  const [userId, setUserId] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  // What the last erasure did (the dialog that made it has closed).
  const [erasedNotice, setErasedNotice] = useState<string | null>(null);
  const request = useSave();
  const log = useLoad(() => admin.get<{ items: Erasure[] }>(`/projects/${encodeURIComponent(projectId)}/erasures`), [projectId]);

  /** The typed id, or null (with the field's error shown) when there is none. */
  const typed = () => {
    const id = userId.trim();
    setMissing(id === '');
    return id === '' ? null : id;
  };

  const download = async (event: Event) => {
    event.preventDefault();
    const id = typed();
    setErasedNotice(null);
    if (id === null) return;
    const data = await request.run(() => admin.get<CustomerExport>(`${customerPath(projectId, id)}/export`), m.downloaded(id));
    if (data) saveJson(data, `kizuna-customer-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  };

  const startErase = () => {
    const id = typed();
    if (id !== null) setConfirming(id);
  };

  const erased = (id: string, erasure: Erasure) => {
    setConfirming(null);
    setUserId('');
    setErasedNotice(m.erased(id, erasure.erased.responses, erasure.erased.events));
    log.reload();
  };

  return (
    <Section title={m.title}>
      <p class="hint">{m.intro}</p>
      <form onSubmit={download} noValidate>
        <TextField label={m.userId} hint={m.userIdHint} value={userId} onValue={setUserId} error={missing ? m.userIdRequired : userIdError(request.error)} />
        <div class="row">
          <button type="submit" disabled={request.saving}>
            {request.saving ? m.downloading : m.download}
          </button>
          {allowed('privacy') && (
            <button type="button" class="danger" onClick={startErase}>
              {m.erase}
            </button>
          )}
        </div>
        {/* A missing user is told at the field; an erasure's outcome replaces the last download's. */}
        <SaveStatus error={erasedNotice || request.error?.code === 'customer_not_found' ? null : request.error} saved={erasedNotice ?? request.saved} />
      </form>
      {confirming !== null && <EraseDialog projectId={projectId} userId={confirming} onErased={(erasure) => erased(confirming, erasure)} onClose={() => setConfirming(null)} />}
      <h3>{m.log}</h3>
      <Await state={log}>{({ items }) => <ErasureLog items={items} />}</Await>
    </Section>
  );
}

/** Asks for the id again before erasing: a slip of the finger must not erase someone else. */
function EraseDialog({ projectId, userId, onErased, onClose }: { projectId: string; userId: string; onErased(erasure: Erasure): void; onClose(): void }) {
  const m = t.value.privacy;
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const erase = useSave();
  const submit = async (event: Event) => {
    event.preventDefault();
    setMismatch(again.trim() !== userId);
    if (again.trim() !== userId) return;
    const erasure = await erase.run(() => admin.delete<Erasure>(customerPath(projectId, userId)));
    if (erasure) onErased(erasure);
  };
  return (
    <Dialog title={m.eraseTitle} onClose={onClose}>
      <p>{m.eraseText(userId)}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={m.confirm} value={again} onValue={setAgain} error={mismatch ? m.mismatch : userIdError(erase.error)} autoComplete="off" />
        <div class="row">
          <button type="submit" class="danger" disabled={erase.saving}>
            {erase.saving ? m.erasing : m.eraseNow}
          </button>
        </div>
        <SaveStatus error={erase.error?.code === 'customer_not_found' ? null : erase.error} saved={null} />
      </form>
    </Dialog>
  );
}

function ErasureLog({ items }: { items: Erasure[] }) {
  const m = t.value.privacy;
  if (items.length === 0) return <p class="muted">{m.logEmpty}</p>;
  return (
    <table class="list">
      <TableHead columns={[m.userId, m.when, m.by, m.what]} />
      <tbody>
        {items.map((erasure) => (
          <tr key={erasure.id}>
            <th scope="row">{erasure.userId}</th>
            <td>{formatDateTime(erasure.at)}</td>
            <td>{erasure.actor}</td>
            <td>{m.summary(erasure.erased.responses, erasure.erased.events, erasure.erased.notes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
