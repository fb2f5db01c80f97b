import { arrow, computePosition, flip, limitShift, offset, shift, type Placement, type Platform, type Rect } from '@floating-ui/core';
import type { GuideStep } from '../../shared/schemas/guide.ts';

const OPPOSITE: Record<string, string> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };

const sizeOf = (el: unknown) => {
  const box = (el as Element).getBoundingClientRect();
  return { width: box.width, height: box.height };
};

/**
 * floating-ui's core with the one platform we need: a `position: fixed` tooltip in the
 * viewport. @floating-ui/dom's general platform (offset parents, scroll ancestors, iframes,
 * transforms) would cost three times the core in a bundle every host page pays for, and none
 * of it applies to a fixed element measured with getBoundingClientRect.
 */
const viewport: Platform = {
  getElementRects: ({ reference, floating }) => {
    const r = (reference as Element).getBoundingClientRect();
    return { reference: { x: r.left, y: r.top, width: r.width, height: r.height }, floating: { x: 0, y: 0, ...sizeOf(floating) } };
  },
  getDimensions: sizeOf,
  getClippingRect: ({ element }): Rect => {
    const doc = (element as Element).ownerDocument.documentElement;
    return { x: 0, y: 0, width: doc.clientWidth, height: doc.clientHeight };
  },
};

/**
 * Keeps `floating` beside `target` (fixed strategy: right over sticky headers), flipped and
 * shifted to stay in the viewport, its arrow pointing at the target, following scrolls (of any
 * scroller), resizes and size changes of either element. `onMove` gets the target's box each
 * time (for the spotlight). Returns the function that stops following.
 */
export function anchor(
  target: Element,
  floating: HTMLElement,
  arrowEl: HTMLElement | null,
  placement: GuideStep['placement'],
  onMove?: (box: DOMRect) => void,
): () => void {
  const win = target.ownerDocument.defaultView ?? window;
  let frame = 0;
  const update = () => {
    frame = 0;
    onMove?.(target.getBoundingClientRect());
    void computePosition(target, floating, {
      platform: viewport,
      strategy: 'fixed',
      placement: (placement === 'auto' ? 'bottom' : placement) as Placement,
      middleware: [
        offset(12),
        // Cross-axis overflow is shift's job: letting flip act on it turns a tooltip under a button
        // near the page's edge into one beside it.
        flip({ crossAxis: false, fallbackAxisSideDirection: 'start', padding: 8 }),
        // crossAxis: a target taller than the screen leaves no side free; the tooltip then overlaps
        // it rather than leaving the viewport, where its title and buttons could not be reached.
        shift({ padding: 8, crossAxis: true, limiter: limitShift({ crossAxis: false }) }),
        arrowEl && arrow({ element: arrowEl, padding: 12 }),
      ],
    }).then(({ x, y, placement: side, middlewareData }) => {
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
      floating.dataset.placement = side;
      if (!arrowEl) return;
      const { x: ax, y: ay } = middlewareData.arrow ?? {};
      Object.assign(arrowEl.style, { left: ax == null ? '' : `${ax}px`, top: ay == null ? '' : `${ay}px`, right: '', bottom: '' });
      arrowEl.style.setProperty(OPPOSITE[side.split('-')[0] as string] as string, '-6px');
    });
  };
  // At most one measurement per frame, however many scroll/resize events arrive.
  const schedule = () => {
    if (!frame) frame = win.requestAnimationFrame(update);
  };
  const resized = typeof win.ResizeObserver === 'function' ? new win.ResizeObserver(schedule) : null;
  resized?.observe(target);
  resized?.observe(floating);
  // Capture: scrolls of nested scrollers do not bubble, and any of them may move the target.
  win.addEventListener('scroll', schedule, { capture: true, passive: true });
  win.addEventListener('resize', schedule, { passive: true });
  update();
  return () => {
    win.cancelAnimationFrame(frame);
    resized?.disconnect();
    win.removeEventListener('scroll', schedule, { capture: true });
    win.removeEventListener('resize', schedule);
  };
}

/** Brings the target into view, centred, gently unless the user asked for less motion. */
export function reveal(target: Element): void {
  const win = target.ownerDocument.defaultView;
  const box = target.getBoundingClientRect();
  if (!win || typeof target.scrollIntoView !== 'function') return;
  if (box.top >= 0 && box.bottom <= win.innerHeight && box.left >= 0 && box.right <= win.innerWidth) return;
  const still = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: still ? 'auto' : 'smooth' });
}
