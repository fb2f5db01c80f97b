/** Editing lists without mutating them, as signals and hooks want. */

let lastUid = 0;
/** A key for an item being edited, stable while it moves (its own fields may all change). */
export const newUid = () => `item-${++lastUid}`;

export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] => list.map((current, i) => (i === index ? item : current));

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** The list with the item at `from` moved to `to` (clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item === undefined) return copy;
  copy.splice(target, 0, item);
  return copy;
}
