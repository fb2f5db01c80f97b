import type { Survey } from '../../shared/schemas/survey.ts';
import { SCORE_MAX, SCORE_MIN } from '../../shared/score.ts';
import { AudienceEditor } from '../components/audience-editor.tsx';
import { EditorForm } from '../components/editor-form.tsx';
import { CheckboxField, FieldError, TextField } from '../components/field.tsx';
import { LocalizedFields } from '../components/localized-fields.tsx';
import { OrderedItems } from '../components/ordered-items.tsx';
import { Page } from '../components/page.tsx';
import { editorPage, useDraft, type EditorProps } from '../components/resource-editor.tsx';
import { SurveyPreview } from '../components/survey-preview.tsx';
import { fromSurveyDraft, newSurveyDraft, newTouchpoint, previewSurvey, toSurveyDraft, type SurveyBody, type SurveyDraft, type TouchpointDraft } from '../drafts/survey.ts';
import { locale, t } from '../i18n/index.ts';
import { allowed } from '../state/session.ts';
import { useSave } from '../use-save.ts';

/** `/surveys/new` and `/surveys/:surveyId`. */
export const SurveyEditorPage = editorPage<Survey, SurveyDraft, SurveyBody>({
  kind: 'surveys',
  newDraft: newSurveyDraft,
  toDraft: toSurveyDraft,
  Editor: SurveyEditor,
});

/** The survey form beside the live preview; the server's validation messages appear at their fields. */
function SurveyEditor({ title, initial, save }: EditorProps<SurveyDraft, SurveyBody>) {
  const m = t.value.surveys;
  const [draft, update] = useDraft(initial);
  const saving = useSave();
  const editable = allowed('surveys');
  const errors = saving.fieldErrors;
  const numberField = (key: 'detractorThreshold' | 'recontactDays' | 'delaySeconds' | 'priority', label: string, limits: { min: number; max: number }, hint?: string) => (
    <TextField type="number" label={label} hint={hint} {...limits} value={draft[key]} error={errors[key]} onValue={(value) => update({ [key]: value })} />
  );

  return (
    <Page title={title}>
      <div class="editor-layout">
        <EditorForm editable={editable} save={saving} onSave={() => void saving.run(() => save(fromSurveyDraft(draft)), m.saved)}>
            <TextField label={m.name} value={draft.name} error={errors.name} onValue={(name) => update({ name })} />
            <LocalizedFields label={m.question} value={draft.question} errors={errors} path="question" onValue={(question) => update({ question })} />
            <Touchpoints touchpoints={draft.touchpoints} errors={errors} onTouchpoints={(touchpoints) => update({ touchpoints })} />
            <fieldset>
              <legend>{m.rules}</legend>
              <div class="grid-fields">
                {numberField('detractorThreshold', m.detractorThreshold, { min: SCORE_MIN, max: SCORE_MAX })}
                {numberField('recontactDays', m.recontactDays, { min: 0, max: 3650 })}
                {numberField('delaySeconds', m.delaySeconds, { min: 0, max: 3600 })}
                <TextField
                  type="number"
                  label={m.sampleRate}
                  min={0}
                  max={100}
                  value={draft.sampleRatePercent}
                  error={errors.sampleRate}
                  onValue={(sampleRatePercent) => update({ sampleRatePercent })}
                />
                {numberField('priority', m.priority, { min: -100, max: 100 }, m.priorityHint)}
              </div>
            </fieldset>
            <AudienceEditor value={draft.audience} errors={errors} onValue={(audience) => update({ audience })} />
            <CheckboxField label={m.active} checked={draft.active} onValue={(active) => update({ active })} />
        </EditorForm>
        <SurveyPreview survey={previewSurvey(draft)} />
      </div>
    </Page>
  );
}

interface TouchpointsProps {
  touchpoints: TouchpointDraft[];
  errors: Record<string, string>;
  onTouchpoints(touchpoints: TouchpointDraft[]): void;
}

function Touchpoints({ touchpoints, errors, onTouchpoints }: TouchpointsProps) {
  const m = t.value.surveys;
  return (
    <fieldset>
      <legend>{m.touchpoints}</legend>
      <p class="hint">{m.touchpointsHint}</p>
      {errors.touchpoints && <FieldError message={errors.touchpoints} />}
      {touchpoints.length === 0 && <p class="muted">{m.noTouchpoints}</p>}
      <OrderedItems
        items={touchpoints}
        onItems={onTouchpoints}
        heading={(index) => m.touchpoint(index + 1)}
        name={(tp, index) => tp.label[locale.value] || tp.key || m.touchpoint(index + 1)}
        addLabel={m.addTouchpoint}
        newItem={newTouchpoint}
      >
        {(tp, index, change) => (
          <div class="touchpoint-fields">
            <TextField label={m.touchpointKey} hint={m.touchpointKeyHint} value={tp.key} error={errors[`touchpoints.${index}.key`]} onValue={(key) => change({ key })} />
            <LocalizedFields
              label={`${m.touchpoint(index + 1)}: ${m.touchpointLabel}`}
              value={tp.label}
              errors={errors}
              path={`touchpoints.${index}.label`}
              onValue={(label) => change({ label })}
            />
          </div>
        )}
      </OrderedItems>
    </fieldset>
  );
}
