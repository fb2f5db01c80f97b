import { AUDIENCE_OPS } from '../../shared/limits.ts';
import { newCondition, type AudienceDraft, type ConditionDraft } from '../drafts/audience.ts';
import { t } from '../i18n/index.ts';
import { removeAt, replaceAt } from '../lists.ts';
import { AddButton } from './editable.tsx';
import { SelectField, TextField } from './field.tsx';
import { RemoveButton } from './item-controls.tsx';

interface AudienceEditorProps {
  value: AudienceDraft;
  onValue(value: AudienceDraft): void;
  /** Server errors by path (`audience.all.0.value`). */
  errors: Record<string, string>;
  path?: string;
}

/** Who sees a survey or guide: conditions that must all hold, and conditions of which one must. */
export function AudienceEditor({ value, onValue, errors, path = 'audience' }: AudienceEditorProps) {
  const m = t.value.audience;
  return (
    <fieldset class="audience">
      <legend>{m.title}</legend>
      {value.all.length === 0 && value.any.length === 0 && <p class="muted">{m.everyone}</p>}
      {(['all', 'any'] as const).map((group) => (
        <ConditionList
          key={group}
          title={m[group]}
          conditions={value[group]}
          onConditions={(conditions) => onValue({ ...value, [group]: conditions })}
          errors={errors}
          path={`${path}.${group}`}
        />
      ))}
    </fieldset>
  );
}

interface ConditionListProps {
  title: string;
  conditions: ConditionDraft[];
  onConditions(conditions: ConditionDraft[]): void;
  errors: Record<string, string>;
  path: string;
}

function ConditionList({ title, conditions, onConditions, errors, path }: ConditionListProps) {
  const m = t.value.audience;
  const opOptions = AUDIENCE_OPS.map((op) => ({ value: op, label: m.ops[op] }));
  return (
    <div class="condition-group">
      <h4>{title}</h4>
      <ol class="conditions">
        {conditions.map((condition, index) => {
          const at = `${path}.${index}`;
          const change = (patch: Partial<ConditionDraft>) => onConditions(replaceAt(conditions, index, { ...condition, ...patch }));
          return (
            <li key={condition.uid} class="condition">
              <TextField label={m.attribute} value={condition.attribute} error={errors[`${at}.attribute`]} onValue={(attribute) => change({ attribute })} />
              <SelectField label={m.op} value={condition.op} options={opOptions} error={errors[`${at}.op`]} onValue={(op) => change({ op })} />
              <TextField label={m.value} value={condition.value} hint={m.valueHints[condition.op]} error={errors[`${at}.value`] ?? errors[at]} onValue={(text) => change({ value: text })} />
              <RemoveButton name={`${title}: ${m.condition(index + 1)}`} onClick={() => onConditions(removeAt(conditions, index))} />
            </li>
          );
        })}
      </ol>
      <AddButton
        label={
          <>
            {m.addCondition} <span class="visually-hidden">({title})</span>
          </>
        }
        onClick={() => onConditions([...conditions, newCondition()])}
      />
    </div>
  );
}
