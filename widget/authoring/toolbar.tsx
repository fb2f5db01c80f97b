import { useRef, useState } from 'preact/hooks';

export interface ToolbarItem {
  id: string;
  label: string;
  onClick(): void;
  /** Toggle buttons (Pick element, Preview) say whether they are on. */
  pressed?: boolean;
  /** Shown, focusable and announced, but does nothing (a toolbar keeps its items in the Tab stop). */
  busy?: boolean;
  primary?: boolean;
}

const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at, last) => (at >= last ? 0 : at + 1),
  ArrowLeft: (at, last) => (at <= 0 ? last : at - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/** A WAI-ARIA toolbar: one Tab stop, arrow keys (and Home/End) move between its buttons. */
export function Toolbar({ label, items }: { label: string; items: ToolbarItem[] }) {
  const [active, setActive] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const next = move(active, items.length - 1);
    setActive(next);
    buttons.current[next]?.focus();
  };
  return (
    <div role="toolbar" aria-label={label} class="bar" onKeyDown={onKeyDown}>
      {items.map((item, i) => (
        <button
          key={item.id}
          type="button"
          ref={(el) => {
            buttons.current[i] = el;
          }}
          data-action={item.id}
          class={item.primary ? 'primary' : undefined}
          tabIndex={i === active ? 0 : -1}
          aria-pressed={item.pressed === undefined ? undefined : item.pressed}
          aria-disabled={item.busy ? 'true' : undefined}
          onFocus={() => setActive(i)}
          onClick={() => !item.busy && item.onClick()}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
