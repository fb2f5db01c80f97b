import type { UiLocale } from '../../shared/localize.ts';
import type { Editor } from './draft.ts';
import type { AuthoringMessages } from './messages.ts';

/** The tour's steps in order: choose one to edit, move it, delete it. */
export function StepList({ editor, m, locale }: { editor: Editor; m: AuthoringMessages; locale: UiLocale }) {
  const steps = editor.steps.value;
  if (steps.length === 0) return <p class="empty">{m.noSteps}</p>;
  return (
    <ol class="steps" aria-label={m.steps}>
      {steps.map((step, i) => {
        const n = i + 1;
        const current = step.uid === editor.selected.value;
        return (
          <li key={step.uid} class={current ? 'current' : undefined}>
            <button type="button" class="step-name" aria-current={current ? 'true' : undefined} onClick={() => (editor.selected.value = step.uid)}>
              {n}. {step.title[locale] || step.title.en || step.title.ja || m.untitled}
            </button>
            <button type="button" class="icon" aria-label={m.moveUp(n)} disabled={i === 0} onClick={() => editor.move(step.uid, -1)}>
              <span aria-hidden="true">↑</span>
            </button>
            <button type="button" class="icon" aria-label={m.moveDown(n)} disabled={n === steps.length} onClick={() => editor.move(step.uid, 1)}>
              <span aria-hidden="true">↓</span>
            </button>
            <button type="button" class="icon" aria-label={m.remove(n)} onClick={() => editor.remove(step.uid)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
