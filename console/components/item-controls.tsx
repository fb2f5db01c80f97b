import { useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { useEditable } from './editable.tsx';

interface ItemControlsProps {
  index: number;
  count: number;
  /** Names the item in the buttons' accessible names ("Move Support up"). */
  name: string;
  onMove(to: number): void;
  onRemove(): void;
}

/**
 * Move up / Move down / Remove for one item of an ordered list. After a move, focus stays on
 * the button pressed (or its twin, at the end of the list), so the keyboard can keep moving the item.
 */
export function ItemControls({ index, count, name, onMove, onRemove }: ItemControlsProps) {
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  if (!useEditable()) return null;
  const move = (to: number, pressed: typeof up, other: typeof up) => {
    onMove(to);
    // After the re-render: the item (keyed) is at its new place, its buttons enabled or not.
    setTimeout(() => (pressed.current?.disabled ? other.current : pressed.current)?.focus());
  };
  const m = t.value.common;
  return (
    <div class="item-controls">
      <button type="button" ref={up} class="small" disabled={index === 0} aria-label={m.moveUp(name)} onClick={() => move(index - 1, up, down)}>
        <span aria-hidden="true">↑</span>
      </button>
      <button type="button" ref={down} class="small" disabled={index === count - 1} aria-label={m.moveDown(name)} onClick={() => move(index + 1, down, up)}>
        <span aria-hidden="true">↓</span>
      </button>
      <RemoveButton name={name} onClick={onRemove} />
    </div>
  );
}

/** Removes an item from a list being edited; shown only where the form may be edited. */
export function RemoveButton({ name, onClick }: { name: string; onClick(): void }) {
  if (!useEditable()) return null;
  return (
    <button type="button" class="small danger" aria-label={t.value.common.removeItem(name)} onClick={onClick}>
      {t.value.common.remove}
    </button>
  );
}
