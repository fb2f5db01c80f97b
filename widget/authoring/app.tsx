import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { UI_LOCALES, type UiLocale } from '../../shared/localize.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import { Tour } from '../ui/tour.tsx';
import type { AuthoringApi } from './api.ts';
import { createEditor, toGuideStep, type DraftSnapshot } from './draft.ts';
import { LivePreview, useTargetElement } from './live-preview.tsx';
import { LANGUAGE_LABELS, type AuthoringMessages } from './messages.ts';
import { PickOverlay } from './pick-overlay.tsx';
import { describeProblem } from './problems.ts';
import { StepEditor } from './step-editor.tsx';
import { captureTarget } from './selector.ts';
import { StepList } from './step-list.tsx';
import type { TabStore } from './tab-store.ts';
import { Toolbar } from './toolbar.tsx';

/** A guide opened for authoring: the session to save with, and the draft to start from. */
export interface Opened {
  session: string;
  guide: Guide;
  draft: DraftSnapshot;
  /** The draft is unsaved work this tab kept from before. */
  restored: boolean;
}

interface Status {
  tone: 'info' | 'success' | 'error';
  text: string;
  action?: { label: string; run(): void };
}

interface WorkbenchProps {
  opened: Opened;
  api: AuthoringApi;
  tab: TabStore;
  m: AuthoringMessages;
  locale: UiLocale;
  isOurs(el: Element): boolean;
  onExit(): void;
}

type Mode = 'edit' | 'pick' | 'preview';

/**
 * The authoring UI over the host app: a dock with the toolbar, the steps and the step being
 * edited, the live preview of that step on its element, pick mode and the tour preview.
 */
export function Workbench({ opened, api, tab, m, locale, isOurs, onExit }: WorkbenchProps) {
  const editor = useMemo(() => createEditor(opened.draft, tab.keepDraft), []);
  const mode = useSignal<Mode>('edit');
  const status = useSignal<Status | null>(opened.restored ? { tone: 'info', text: m.restored } : null);
  const saving = useSignal(false);
  const confirmingExit = useSignal(false);
  const side = useSignal<'right' | 'left'>('right');
  const previewLocale = useSignal<UiLocale>(locale);
  const dock = useRef<HTMLElement>(null);
  const steps = editor.steps.value;
  const current = editor.current.value;
  const index = current ? steps.indexOf(current) : -1;
  const target = useTargetElement(current?.target);
  // A step saved earlier brings no verdict on its anchor: its element, once found here, is judged again.
  const anchored = useMemo(() => {
    if (!target.el) return true;
    try {
      return captureTarget(target.el).stable;
    } catch {
      return false;
    }
  }, [target.el]);
  const dirty = editor.dirty.value;
  useEffect(() => {
    // "Saved" is no longer true after the next edit, and an exit needs no asking once all is saved.
    if (dirty && status.peek()?.tone === 'success') status.value = null;
    if (!dirty) confirmingExit.value = false;
  }, [dirty]);

  // After the next render: what is to be focused may only then be shown.
  const focusLater = (selector: string) => setTimeout(() => dock.current?.querySelector<HTMLElement>(selector)?.focus());
  const pick = () => {
    if (!editor.current.value) editor.add();
    mode.value = 'pick';
  };

  async function save(overwrite = false): Promise<void> {
    if (saving.value) return;
    saving.value = true;
    status.value = { tone: 'info', text: m.saving };
    try {
      // Overwriting is saving on top of whatever is stored now, knowingly.
      if (overwrite) editor.baseUpdatedAt.value = (await api.guide(opened.session)).updatedAt;
      const sent = editor.steps.value;
      editor.saved(await api.save(opened.session, { steps: sent.map(toGuideStep), updatedAt: editor.baseUpdatedAt.value }), sent);
      status.value = { tone: 'success', text: m.saved };
    } catch (error) {
      const problem = describeProblem(error, m);
      const step = problem.stepIndex === undefined ? undefined : editor.steps.value[problem.stepIndex];
      if (step) editor.selected.value = step.uid;
      const conflict = (error as { code?: string }).code === 'conflict';
      status.value = { tone: 'error', text: problem.text, action: conflict ? { label: m.overwrite, run: () => void save(true) } : undefined };
    } finally {
      saving.value = false;
    }
  }

  const exit = () => (editor.dirty.value ? (confirmingExit.value = true) : onExit());
  const stopPreview = () => {
    mode.value = 'edit';
    focusLater('[data-action="preview"]');
  };

  return (
    <>
      <section
        ref={dock}
        class={`dock ${side.value}`}
        aria-label={m.region}
        lang={locale}
        hidden={mode.value === 'preview'}
        // Keys typed here are ours: the app's shortcuts must not fire while the author writes.
        onKeyDown={(e) => e.stopPropagation()}
        onKeyUp={(e) => e.stopPropagation()}
      >
        <header class="dock-head">
          <h2>{m.editing(opened.guide.name)}</h2>
          <button type="button" class="icon" aria-label={m.moveDock} onClick={() => (side.value = side.value === 'right' ? 'left' : 'right')}>
            <span aria-hidden="true">⇆</span>
          </button>
        </header>
        <Toolbar
          label={m.toolbar}
          items={[
            {
              id: 'add',
              label: m.addStep,
              onClick: () => {
                editor.add();
                mode.value = 'pick';
              },
            },
            { id: 'pick', label: m.pick, pressed: mode.value === 'pick', onClick: () => (mode.value === 'pick' ? (mode.value = 'edit') : pick()) },
            { id: 'preview', label: m.preview, onClick: () => (mode.value = 'preview') },
            { id: 'save', label: saving.value ? m.saving : m.save, primary: true, busy: saving.value, onClick: () => void save() },
            { id: 'exit', label: m.exit, onClick: exit },
          ]}
        />
        {mode.value === 'pick' && (
          <p class="hint" role="status">
            {m.picking}
          </p>
        )}
        {status.value && (
          <div class={`status ${status.value.tone}`} role={status.value.tone === 'error' ? 'alert' : 'status'}>
            <p>{status.value.text}</p>
            {status.value.action && (
              <button type="button" onClick={status.value.action.run}>
                {status.value.action.label}
              </button>
            )}
          </div>
        )}
        {confirmingExit.value && (
          <div class="status error" role="alert">
            <p>{m.unsavedExit}</p>
            <div class="row">
              <button type="button" onClick={onExit}>
                {m.exitAnyway}
              </button>
              <button type="button" class="primary" onClick={() => (confirmingExit.value = false)}>
                {m.keepEditing}
              </button>
            </div>
          </div>
        )}
        <StepList editor={editor} m={m} locale={locale} />
        {current && (
          <StepEditor step={current} index={index} found={!!target.el} stable={current.stable && anchored} m={m} onChange={(patch) => editor.update(current.uid, patch)} onPick={pick} />
        )}
        <fieldset class="languages">
          <legend>{m.previewIn}</legend>
          {UI_LOCALES.map((lang) => (
            <label key={lang} class="check">
              <input type="radio" name="kizuna-preview-locale" checked={previewLocale.value === lang} onChange={() => (previewLocale.value = lang)} />
              {LANGUAGE_LABELS[lang]}
            </label>
          ))}
        </fieldset>
      </section>
      {mode.value === 'pick' && (
        <PickOverlay
          isOurs={isOurs}
          onPick={({ target: picked, stable }) => {
            const step = editor.current.value;
            if (step) editor.update(step.uid, { target: picked, stable });
            mode.value = 'edit';
            // Next comes the text: the step's first field.
            focusLater('.step input');
          }}
          onUnpickable={() => (status.value = { tone: 'error', text: m.unpickable })}
          unpickableLabel={m.unpickableLabel}
          onCancel={() => {
            mode.value = 'edit';
            focusLater('[data-action="pick"]');
          }}
        />
      )}
      {mode.value === 'edit' && current && <LivePreview step={current} index={index} total={steps.length} locale={previewLocale.value} target={target} />}
      {mode.value === 'preview' && (
        <>
          <Tour
            guide={{ id: opened.guide.id, steps: steps.map(toGuideStep) }}
            startAt={0}
            locale={previewLocale.value}
            onStepShown={() => {}}
            onStepCompleted={() => {}}
            onTargetMissing={() => {}}
            onEnd={stopPreview}
          />
          <button type="button" class="stop-preview primary" onClick={stopPreview}>
            {m.stopPreview}
          </button>
        </>
      )}
    </>
  );
}
