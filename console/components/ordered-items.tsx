import type { ComponentChildren } from 'preact';
import { moveItem, removeAt, replaceAt } from '../lists.ts';
import { AddButton } from './editable.tsx';
import { ItemControls } from './item-controls.tsx';

interface OrderedItemsProps<T extends { uid: string }> {
  items: T[];
  onItems(items: T[]): void;
  /** The item's heading ("Step 2"). */
  heading(index: number): string;
  /** Names the item in its buttons ("Move Support up"). */
  name(item: T, index: number): string;
  addLabel: string;
  newItem(items: readonly T[]): T;
  /** The item's fields; `change` merges a patch into it. */
  children(item: T, index: number, change: (patch: Partial<T>) => void): ComponentChildren;
}

/** An ordered list being edited: each item with its fields and Move up / Move down / Remove, and Add at the end. */
export function OrderedItems<T extends { uid: string }>({ items, onItems, heading, name, addLabel, newItem, children }: OrderedItemsProps<T>) {
  return (
    <>
      <ol class="items">
        {items.map((item, index) => (
          <li key={item.uid} class="item">
            <div class="item-head">
              <h3>{heading(index)}</h3>
              <ItemControls
                index={index}
                count={items.length}
                name={name(item, index)}
                onMove={(to) => onItems(moveItem(items, index, to))}
                onRemove={() => onItems(removeAt(items, index))}
              />
            </div>
            {children(item, index, (patch) => onItems(replaceAt(items, index, { ...item, ...patch })))}
          </li>
        ))}
      </ol>
      <AddButton label={addLabel} onClick={() => onItems([...items, newItem(items)])} />
    </>
  );
}
