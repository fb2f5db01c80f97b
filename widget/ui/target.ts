import type { StepTarget } from '../../shared/schemas/guide.ts';

/** How long a step waits for its target to appear before it is skipped (Usertour waits 6 s too). */
export const TARGET_WAIT_MS = 6_000;

/** How a step's `text` and an element's visible text are compared: spacing collapsed, case ignored. */
export const normalizeText = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** The text a step's `text` is compared with: what the element shows (its whole text where there is no layout). */
export const visibleText = (el: Element) => (el as HTMLElement).innerText ?? el.textContent ?? '';

/** Rendered and not hidden: a non-zero box, not `display: none` nor `visibility: hidden`. */
export function isVisible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  if (box.width <= 0 && box.height <= 0) return false;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden' && style.visibility !== 'collapse');
}

/**
 * The element a step points at: each selector in order (an invalid one is skipped), the first
 * visible match whose visible text contains `text` (case and spacing ignored) when given. When
 * no match has that text (the app now speaks another language, or the label was reworded), a
 * selector that matches exactly one visible element still finds it: the text narrows several
 * matches, it does not veto a unique one.
 */
export function resolveTarget(doc: Document, target: StepTarget): Element | null {
  const { selector, text, fallbacks = [] } = typeof target === 'string' ? { selector: target } : target;
  const needle = text ? normalizeText(text) : '';
  let unique: Element | null = null;
  for (const candidate of [selector, ...fallbacks]) {
    let visible: Element[];
    try {
      visible = Array.from(doc.querySelectorAll(candidate)).filter(isVisible);
    } catch {
      continue;
    }
    const hit = needle ? visible.find((el) => normalizeText(visibleText(el)).includes(needle)) : visible[0];
    if (hit) return hit;
    if (visible.length === 1) unique ??= visible[0] ?? null;
  }
  return unique;
}

/**
 * Calls `done` with the target as soon as it is in the page (at once when it already is), or
 * with null after `timeoutMs`. Returns a cancel function; `done` is called at most once.
 */
export function waitForTarget(doc: Document, target: StepTarget, done: (el: Element | null) => void, timeoutMs = TARGET_WAIT_MS): () => void {
  const now = resolveTarget(doc, target);
  if (now) {
    done(now);
    return () => {};
  }
  const Observer = doc.defaultView?.MutationObserver;
  let observer: MutationObserver | undefined;
  const stop = () => {
    observer?.disconnect();
    clearTimeout(timer);
  };
  const timer = setTimeout(() => {
    stop();
    done(resolveTarget(doc, target));
  }, timeoutMs);
  if (Observer) {
    observer = new Observer(() => {
      const el = resolveTarget(doc, target);
      if (!el) return;
      stop();
      done(el);
    });
    // Attributes too: a class or style change can make an element visible.
    observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
  }
  return stop;
}

/**
 * Calls `onGone` when `el` leaves the page: frameworks re-render by replacing elements, and what
 * points at the old one must look for its successor. Returns the function that stops watching.
 */
export function watchRemoval(el: Element, onGone: () => void): () => void {
  const Observer = el.ownerDocument.defaultView?.MutationObserver;
  if (!Observer) return () => {};
  const observer = new Observer(() => {
    if (!el.isConnected) onGone();
  });
  observer.observe(el.ownerDocument.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}
