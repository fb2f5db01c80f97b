import { t } from '../i18n/index.ts';
import { PRESETS, type Period, type Preset } from '../period.ts';
import { SelectField, TextField } from './field.tsx';

/** A preset window (last 7/30/90 days, 12 months) or a custom from–to. */
export function PeriodPicker({ value, onValue }: { value: Period; onValue(period: Period): void }) {
  const m = t.value.period;
  return (
    <div class="period-picker">
      <SelectField<Preset>
        label={m.label}
        value={value.preset}
        options={PRESETS.map((preset) => ({ value: preset, label: m.presets[preset] }))}
        onValue={(preset) => onValue({ ...value, preset })}
      />
      {value.preset === 'custom' && (
        <>
          <TextField type="date" label={m.from} value={value.from} max={value.to || undefined} onValue={(from) => onValue({ ...value, from })} />
          <TextField type="date" label={m.to} value={value.to} min={value.from || undefined} onValue={(to) => onValue({ ...value, to })} />
        </>
      )}
    </div>
  );
}
