/** Colour swatches with their names, so a chart never relies on colour alone. */
export function Legend({ items }: { items: Array<{ class: string; label: string }> }) {
  return (
    <ul class="legend">
      {items.map((item) => (
        <li key={item.class}>
          <span class={`swatch ${item.class}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
