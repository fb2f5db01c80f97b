import { UI_LOCALES } from '../../shared/localize.ts';
import type { GuideStep } from '../../shared/schemas/guide.ts';
import type { StepDraft } from './draft.ts';
import { Checkbox, Select, TextInput } from './fields.tsx';
import { LANGUAGE_LABELS, type AuthoringMessages } from './messages.ts';

interface StepEditorProps {
  step: StepDraft;
  index: number;
  /** Whether the step's element is on this page right now. */
  found: boolean;
  /** False when the element has nothing stable to be found by (the author is warned). */
  stable: boolean;
  m: AuthoringMessages;
  onChange(patch: Partial<StepDraft>): void;
  onPick(): void;
}

const selectorOf = (target: NonNullable<GuideStep['target']>) => (typeof target === 'string' ? target : target.selector);

/** One step: the element it points at (with warnings), its texts in both languages, how it shows and moves on. */
export function StepEditor({ step, index, found, stable, m, onChange, onPick }: StepEditorProps) {
  return (
    <section class="step" aria-label={m.stepN(index + 1)}>
      <h3>{m.stepN(index + 1)}</h3>
      <div class="target">
        <p>
          {m.element}: {step.target ? <code>{selectorOf(step.target)}</code> : m.noElement}
        </p>
        {step.target && !found && <p class="warn">{m.notOnPage}</p>}
        {step.target && !stable && <p class="warn">{m.unstable}</p>}
        <div class="row">
          <button type="button" onClick={onPick}>
            {m.pick}
          </button>
          {step.target && (
            <button type="button" onClick={() => onChange({ target: undefined, stable: true })}>
              {m.unpin}
            </button>
          )}
        </div>
      </div>
      {UI_LOCALES.map((lang) => (
        <TextInput key={`title-${lang}`} label={`${m.title} (${LANGUAGE_LABELS[lang]})`} lang={lang} value={step.title[lang]} onValue={(text) => onChange({ title: { ...step.title, [lang]: text } })} />
      ))}
      {UI_LOCALES.map((lang) => (
        <TextInput
          key={`body-${lang}`}
          multiline
          label={`${m.body} (${LANGUAGE_LABELS[lang]})`}
          hint={m.bodyHint}
          lang={lang}
          value={step.body[lang]}
          onValue={(text) => onChange({ body: { ...step.body, [lang]: text } })}
        />
      ))}
      <div class="row">
        <Select label={m.placement} value={step.placement} options={m.placements} onValue={(placement) => onChange({ placement })} />
        <Select label={m.advance} value={step.advance} options={m.advances} onValue={(advance) => onChange({ advance })} />
      </div>
      <Checkbox label={m.spotlight} checked={step.spotlight} onValue={(spotlight) => onChange({ spotlight })} />
    </section>
  );
}
