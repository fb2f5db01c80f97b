import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { startPicking } from './picker.ts';
import { captureTarget, type CapturedTarget } from './selector.ts';

interface Hovered {
  el: Element;
  /** Null for an element no selector can reach (inside a shadow root or a frame). */
  selector: string | null;
  box: DOMRect;
}

interface PickOverlayProps {
  /** Our own UI (never picked). */
  isOurs(el: Element): boolean;
  onPick(captured: CapturedTarget): void;
  /** The chosen element cannot be targeted from the page (see captureTarget). */
  onUnpickable(): void;
  /** Shown in place of a selector for such an element. */
  unpickableLabel: string;
  onCancel(): void;
}

const capture = (el: Element): CapturedTarget | null => {
  try {
    return captureTarget(el);
  } catch {
    return null;
  }
};

/**
 * Pick mode on screen: an outline around the element under the pointer (or keyboard focus) and,
 * beside it, the selector that would be saved for it. Both ignore the pointer.
 */
export function PickOverlay({ isOurs, onPick, onUnpickable, unpickableLabel, onCancel }: PickOverlayProps) {
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const last = useRef<Hovered | null>(null);

  // Layout effect: pick mode listens from the moment it shows, not a frame later (an Esc or a
  // click right after pressing Pick element must not reach the app).
  useLayoutEffect(() => {
    let pointed: Element | null = null;
    let frame = 0;
    const show = (next: Hovered | null) => {
      last.current = next;
      setHovered(next);
    };
    const stop = startPicking(window, isOurs, {
      hover(el) {
        if (el === pointed) return;
        pointed = el;
        cancelAnimationFrame(frame);
        // Once per element and per frame: on a large page a selector takes a while to work out,
        // and a pointer sweeping across it passes many elements between two frames.
        frame = requestAnimationFrame(() => show(el ? { el, selector: capture(el)?.target.selector ?? null, box: el.getBoundingClientRect() } : null));
      },
      pick(el) {
        const captured = capture(el);
        if (captured) onPick(captured);
        else onUnpickable();
      },
      cancel: onCancel,
    });
    const remeasure = () => last.current && show({ ...last.current, box: last.current.el.getBoundingClientRect() });
    window.addEventListener('scroll', remeasure, { capture: true, passive: true });
    return () => {
      stop();
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', remeasure, { capture: true });
    };
  }, []);

  if (!hovered) return null;
  const { box, selector } = hovered;
  // The label sits above the element, or below it when there is no room above.
  const labelTop = box.top > 28 ? box.top - 26 : box.bottom + 4;
  return (
    <div class="picking" aria-hidden="true">
      <div class="outline" style={{ left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` }} />
      <div class="selector-label" style={{ left: `${Math.max(4, box.left)}px`, top: `${Math.max(4, labelTop)}px` }}>
        {selector ?? unpickableLabel}
      </div>
    </div>
  );
}
