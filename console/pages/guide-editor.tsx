import { useState } from 'preact/hooks';
import type { Guide } from '../../shared/schemas/guide.ts';
import { AudienceEditor } from '../components/audience-editor.tsx';
import { EditInApp } from '../components/edit-in-app.tsx';
import { EditorForm } from '../components/editor-form.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { CheckboxField, FieldError, SelectField, TextField } from '../components/field.tsx';
import { LocalizedFields } from '../components/localized-fields.tsx';
import { OrderedItems } from '../components/ordered-items.tsx';
import { Page } from '../components/page.tsx';
import { editorPage, useDraft, type EditorProps } from '../components/resource-editor.tsx';
import {
  capturedExtras,
  fromGuideDraft,
  newGuideDraft,
  newStep,
  toGuideDraft,
  type Advance,
  type Frequency,
  type GuideBody,
  type GuideDraft,
  type Placement,
  type StepDraft,
} from '../drafts/guide.ts';
import { locale, t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useSave } from '../use-save.ts';

const PLACEMENTS: readonly Placement[] = ['auto', 'top', 'bottom', 'left', 'right'];
const ADVANCES: readonly Advance[] = ['next', 'click'];
const FREQUENCIES: readonly Frequency[] = ['once', 'always'];

/** `/guides/new` and `/guides/:guideId`. */
export const GuideEditorPage = editorPage<Guide, GuideDraft, GuideBody>({
  kind: 'guides',
  newDraft: newGuideDraft,
  toDraft: toGuideDraft,
  Editor: GuideEditor,
});

/** Steps (what each says, where it points, how it moves on), when the guide starts, for whom and how often. */
function GuideEditor({ title, initial, save, stored }: EditorProps<GuideDraft, GuideBody>) {
  const m = t.value.guides;
  const [draft, update, baseline] = useDraft(initial);
  const saving = useSave();
  const errors = saving.fieldErrors;
  const editable = allowed('guides');
  const refreshing = useSave();
  // What coming back from the app did, announced.
  const [fromApp, setFromApp] = useState<'reloadedFromApp' | 'keptChanges' | null>(null);
  const onSave = () =>
    void saving.run(async () => {
      await save(fromGuideDraft(draft));
      baseline.saved(draft);
      setFromApp(null);
    }, m.saved);
  // Back from the app, where steps may have been saved: show them, unless that would overwrite changes made here.
  const onReturn = () =>
    void refreshing.run(async () => {
      const fresh = await stored?.refresh();
      if (!fresh) return;
      if (baseline.dirty) {
        setFromApp('keptChanges');
      } else {
        baseline.reset(fresh);
        setFromApp('reloadedFromApp');
      }
    });
  const actions = stored && editable && <EditInApp guideId={stored.id} projectId={stored.projectId} onReturn={onReturn} />;
  return (
    <Page title={title} actions={actions}>
      {actions && (
        <>
          <ErrorAlert error={refreshing.error} />
          <p role="status" class={`from-app ${fromApp === 'keptChanges' ? 'notice' : 'ok-text'}`}>
            {fromApp && m[fromApp]}
          </p>
        </>
      )}
      <EditorForm editable={editable} save={saving} onSave={onSave}>
        <TextField label={m.name} value={draft.name} error={errors.name} onValue={(name) => update({ name })} />
        <fieldset>
          <legend>{m.steps}</legend>
          {errors.steps && <FieldError message={errors.steps} />}
          <OrderedItems
            items={draft.steps}
            onItems={(steps) => update({ steps })}
            heading={(index) => m.step(index + 1)}
            name={(step, index) => step.title[locale.value] || m.step(index + 1)}
            addLabel={m.addStep}
            newItem={newStep}
          >
            {(step, index, change) => <StepFields step={step} index={index} errors={errors} change={change} />}
          </OrderedItems>
        </fieldset>
        <fieldset>
          <legend>{m.trigger}</legend>
          <div class="grid-fields">
            <TextField label={m.triggerUrl} value={draft.triggerUrl} error={errors['trigger.url']} onValue={(triggerUrl) => update({ triggerUrl })} />
            <TextField label={m.triggerEvent} value={draft.triggerEvent} error={errors['trigger.event']} onValue={(triggerEvent) => update({ triggerEvent })} />
            <TextField
              type="number"
              min={0}
              max={3600}
              label={m.delaySeconds}
              value={draft.delaySeconds}
              error={errors['trigger.delaySeconds']}
              onValue={(delaySeconds) => update({ delaySeconds })}
            />
          </div>
        </fieldset>
        <AudienceEditor value={draft.audience} errors={errors} onValue={(audience) => update({ audience })} />
        <div class="grid-fields">
          <SelectField<Frequency>
            label={m.frequency}
            value={draft.frequency}
            options={FREQUENCIES.map((value) => ({ value, label: m.frequencies[value] }))}
            onValue={(frequency) => update({ frequency })}
          />
          <TextField type="number" min={-100} max={100} label={m.priority} value={draft.priority} error={errors.priority} onValue={(priority) => update({ priority })} />
        </div>
        <CheckboxField label={m.active} checked={draft.active} onValue={(active) => update({ active })} />
      </EditorForm>
    </Page>
  );
}

function StepFields({ step, index, errors, change }: { step: StepDraft; index: number; errors: Record<string, string>; change(patch: Partial<StepDraft>): void }) {
  const m = t.value.guides;
  const at = `steps.${index}`;
  const name = m.step(index + 1);
  const captured = capturedExtras(step);
  return (
    <>
      <LocalizedFields label={`${name}: ${m.stepTitle}`} value={step.title} errors={errors} path={`${at}.title`} onValue={(title) => change({ title })} />
      <LocalizedFields label={`${name}: ${m.stepBody}`} rows={3} value={step.body} errors={errors} path={`${at}.body`} onValue={(body) => change({ body })} />
      <div class="grid-fields">
        <TextField
          label={m.target}
          hint={captured ? m.capturedHint(captured.text, captured.fallbacks?.length ?? 0) : m.targetHint}
          value={step.selector}
          error={errors[`${at}.target`] ?? errors[`${at}.target.selector`]}
          onValue={(selector) => change({ selector })}
          class="mono"
        />
        <SelectField<Placement>
          label={m.placement}
          value={step.placement}
          options={PLACEMENTS.map((value) => ({ value, label: m.placements[value] }))}
          onValue={(placement) => change({ placement })}
        />
        <SelectField<Advance>
          label={m.advance}
          value={step.advance}
          options={ADVANCES.map((value) => ({ value, label: m.advances[value] }))}
          onValue={(advance) => change({ advance })}
        />
      </div>
      <CheckboxField label={m.spotlight} checked={step.spotlight} onValue={(spotlight) => change({ spotlight })} />
    </>
  );
}
