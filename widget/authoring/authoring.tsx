/** The authoring UI chunk: loaded by `widget.js` only in a tab opened from "Edit in app". */
import { signal } from '@preact/signals';
import { render } from 'preact';
import { resolveLocale } from '../../shared/localize.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { StartAuthoring } from '../authoring-ui.ts';
import { createStore } from '../storage.ts';
import { AUTHORING_HOST_TAG, createShadowHost, GUIDE_HOST_TAG, HOST_TAG } from '../ui/shadow-host.ts';
import { authoringApi, AuthoringError, type AuthoringApi } from './api.ts';
import { Workbench, type Opened } from './app.tsx';
import { draftOf } from './draft.ts';
import { authoringMessages } from './messages.ts';
import { describeProblem } from './problems.ts';
import { openTabStore, type TabStore } from './tab-store.ts';
import { AUTHORING_CSS } from './styles.ts';

type Phase = { kind: 'opening' } | { kind: 'failed'; text: string } | { kind: 'ready'; opened: Opened };

const OURS = [AUTHORING_HOST_TAG, GUIDE_HOST_TAG, HOST_TAG].join(',');
const isOurs = (el: Element) => el.closest(OURS) !== null;

/** Trades the link's token for a session (or resumes this tab's), then picks the draft: unsaved work kept in this tab wins. */
async function open(token: string | null, api: AuthoringApi, tab: TabStore): Promise<Opened> {
  let session: string;
  let guide: Guide;
  if (token) {
    const opened = await api.exchange(token);
    ({ session, guide } = opened);
    tab.keepSession({ session, expiresAt: opened.expiresAt, guideId: guide.id });
  } else {
    const kept = tab.session();
    // The loader saw a session here, but it cannot be read: as good as ended.
    if (!kept) throw new AuthoringError(401, 'authoring_session_expired', 'no readable authoring session in this tab');
    session = kept.session;
    guide = await api.guide(session);
  }
  const kept = tab.draft(guide.id);
  return kept?.dirty ? { session, guide, draft: kept, restored: true } : { session, guide, draft: draftOf(guide), restored: false };
}

/**
 * Frameworks that swap the whole `<body>` (Turbo) or clear it would take the dock away on a
 * route change; it is put back, so the toolbar stays while the author moves through the app.
 */
function keepInPage(host: Element): () => void {
  const observer = new MutationObserver(() => {
    if (!host.isConnected) (document.body ?? document.documentElement).append(host);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}

export const startAuthoring: StartAuthoring = ({ base, projectKey, token, fetch, language, log }) => {
  const locale = resolveLocale(language);
  const m = authoringMessages[locale];
  const tab = openTabStore(createStore(() => window.sessionStorage), projectKey);
  const api = authoringApi(base, fetch);
  const { host, mountPoint, remove } = createShadowHost(document, AUTHORING_CSS, AUTHORING_HOST_TAG);
  const stopKeeping = keepInPage(host);
  const phase = signal<Phase>({ kind: 'opening' });

  const exit = (guideId?: string) => {
    tab.forget(guideId);
    stopKeeping();
    render(null, mountPoint);
    remove();
  };

  function Authoring() {
    const now = phase.value;
    if (now.kind === 'ready') return <Workbench opened={now.opened} api={api} tab={tab} m={m} locale={locale} isOurs={isOurs} onExit={() => exit(now.opened.guide.id)} />;
    return (
      <section class="dock" aria-label={m.region} lang={locale}>
        {now.kind === 'opening' ? (
          <p role="status">{m.loading}</p>
        ) : (
          <>
            <div class="status error" role="alert">
              <p>{now.text}</p>
            </div>
            {/* The session goes; a draft kept in this tab stays for the next link opened here. */}
            <button type="button" onClick={() => exit()}>
              {m.exit}
            </button>
          </>
        )}
      </section>
    );
  }

  render(<Authoring />, mountPoint);
  open(token, api, tab).then(
    (opened) => (phase.value = { kind: 'ready', opened }),
    (error: unknown) => {
      log('authoring could not start', error);
      phase.value = { kind: 'failed', text: describeProblem(error, m).text };
    },
  );
};
