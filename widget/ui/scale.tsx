import { useId } from 'preact/hooks';

export interface ScaleOption<T> {
  value: T;
  /** What the option shows. */
  text: string;
  /** Its accessible name, when the shown text is too terse ("−3" → "Very negative influence"). */
  name?: string;
}

interface ScaleProps<T> {
  /** Id of the element naming the question: the radiogroup's accessible name. */
  labelledBy: string;
  options: ScaleOption<T>[];
  /** An option outside the scale ("Not applicable"), shown first. */
  extra?: ScaleOption<T> | undefined;
  /** What the ends of the scale mean; they describe the group and its first and last option. */
  ends: [low: string, high: string];
  value: T;
  onChange(value: T): void;
}

/**
 * One scale for every rating question (0–10 and −3…+3): native radios sharing a name inside a
 * radiogroup, so arrow keys move within it and Tab moves past it, as users expect. Choosing
 * only records the value; moving on is always a separate action.
 */
export function Scale<T>({ labelledBy, options, extra, ends, value, onChange }: ScaleProps<T>) {
  const id = useId();
  const lowId = `${id}-low`;
  const highId = `${id}-high`;
  const last = options.length - 1;
  const radio = (option: ScaleOption<T>, describedBy?: string) => (
    <label class="option" key={String(option.value)}>
      <input
        type="radio"
        name={id}
        checked={option.value === value}
        aria-label={option.name}
        aria-describedby={describedBy}
        onChange={() => onChange(option.value)}
      />
      <span>{option.text}</span>
    </label>
  );
  return (
    <div
      class={extra ? 'scale with-extra' : 'scale'}
      role="radiogroup"
      aria-labelledby={labelledBy}
      aria-describedby={`${lowId} ${highId}`}
    >
      {extra && radio(extra)}
      {options.map((option, i) => radio(option, i === 0 ? lowId : i === last ? highId : undefined))}
      <div class="ends">
        <span id={lowId}>{ends[0]}</span>
        <span id={highId}>{ends[1]}</span>
      </div>
    </div>
  );
}
