import { useEffect, useRef, useState } from 'preact/hooks';
import { AUTHORING_LINK_TTL_MS } from '../../shared/limits.ts';
import type { AuthoringLink } from '../../shared/schemas/authoring.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { admin } from '../api.ts';
import { t } from '../i18n/index.ts';
import { useLoad } from '../use-load.ts';
import { useSave } from '../use-save.ts';
import { Await } from './await.tsx';
import { Dialog } from './dialog.tsx';
import { TextField } from './field.tsx';
import { SaveStatus } from './save-status.tsx';

interface EditInAppProps {
  guideId: string;
  projectId: string;
  /** The console window has focus again after a link was made: steps may have been saved in the app meanwhile. */
  onReturn(): void;
}

/** "Edit in app": opens a page of the host app in a new tab, where the widget's authoring UI points the guide's steps at elements. */
export function EditInApp({ guideId, projectId, onReturn }: EditInAppProps) {
  const [open, setOpen] = useState(false);
  const [linked, setLinked] = useState(false);
  // The listener stays for the editor's life, and must call the callback of the latest render (it reads the draft).
  const latest = useRef(onReturn);
  latest.current = onReturn;
  useEffect(() => {
    if (!linked) return;
    const returned = () => latest.current();
    window.addEventListener('focus', returned);
    return () => window.removeEventListener('focus', returned);
  }, [linked]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t.value.guides.editInApp}
      </button>
      {open && <EditInAppDialog guideId={guideId} projectId={projectId} onLinked={() => setLinked(true)} onClose={() => setOpen(false)} />}
    </>
  );
}

interface DialogProps {
  guideId: string;
  projectId: string;
  onLinked(): void;
  onClose(): void;
}

function EditInAppDialog({ guideId, projectId, onLinked, onClose }: DialogProps) {
  const m = t.value.guides;
  // Read afresh rather than from the project list: the snippet may have been installed since the console loaded.
  const project = useLoad(() => admin.get<Project>(`/projects/${encodeURIComponent(projectId)}`), [projectId]);
  return (
    <Dialog title={m.editInApp} onClose={onClose}>
      <p>{m.editInAppIntro(AUTHORING_LINK_TTL_MS / 60_000)}</p>
      <Await state={project}>{(loaded) => <LinkForm guideId={guideId} seenUrl={loaded.lastSeen?.url ?? null} onLinked={onLinked} />}</Await>
    </Dialog>
  );
}

/** The page to open, prefilled with the one the widget was last seen on. */
function LinkForm({ guideId, seenUrl, onLinked }: { guideId: string; seenUrl: string | null; onLinked(): void }) {
  const m = t.value.guides;
  const [url, setUrl] = useState(seenUrl ?? '');
  const request = useSave();
  // The link to click when the browser blocked the tab.
  const [blocked, setBlocked] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    // Opened here, within the click, as popup blockers require; it is sent to the app once the link is made.
    const tab = window.open('', '_blank');
    setBlocked(null);
    const link = await request.run(() => admin.post<AuthoringLink>(`/guides/${encodeURIComponent(guideId)}/authoring-sessions`, { url }), tab ? m.appOpened : undefined);
    if (!link) {
      tab?.close();
      return;
    }
    if (tab) {
      // Cut before it loads the host app, which must not reach back into the console.
      tab.opener = null;
      tab.location.href = link.url;
    } else {
      setBlocked(link.url);
    }
    onLinked();
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField label={m.appUrl} type="url" hint={seenUrl ? undefined : m.appUrlHint} value={url} onValue={setUrl} error={request.fieldErrors.url} />
      <div class="row">
        <button type="submit" class="primary" disabled={request.saving}>
          {request.saving ? m.opening : m.openApp}
        </button>
        <SaveStatus error={request.error} saved={request.saved} />
      </div>
      {blocked && (
        <p>
          {m.popupBlocked}{' '}
          <a href={blocked} target="_blank" rel="noopener">
            {m.openAppLink}
          </a>
        </p>
      )}
    </form>
  );
}
