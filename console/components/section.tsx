import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** A card named by its heading, so it is a region screen-reader users can jump to. */
export function Section({ title, class: className, children }: { title: string; class?: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class={className ? `card ${className}` : 'card'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
