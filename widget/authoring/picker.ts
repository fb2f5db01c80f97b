export interface PickHandlers {
  /** The element under the pointer (or focused by keyboard), null when it is none of the page's. */
  hover(el: Element | null): void;
  pick(el: Element): void;
  cancel(): void;
}

/** Events a pick must keep from the app: the click that chooses a button must not also press it. */
const SWALLOWED = ['click', 'dblclick', 'auxclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'touchstart', 'touchend', 'submit'] as const;

/**
 * Pick mode over the host page: hovering (or tabbing to) an element reports it, a click or Enter
 * chooses it, Esc cancels. Listeners sit on the window in the capture phase, ahead of the app's
 * own, and the app never sees the pointer presses or key presses that belong to the pick.
 * `isOurs` tells our own UI apart (its events reach the window retargeted to our host element).
 * Returns the function that ends pick mode.
 */
export function startPicking(win: Window, isOurs: (el: Element) => boolean, on: PickHandlers): () => void {
  const doc = win.document;
  const { Element } = win as Window & typeof globalThis;
  const inPage = (target: EventTarget | null): target is Element =>
    target instanceof Element && target !== doc.documentElement && target !== doc.body && !isOurs(target);
  const swallow = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  const listeners: Array<[string, (e: Event) => void]> = [
    ...SWALLOWED.map((type): [string, (e: Event) => void] => [
      type,
      (e) => {
        if (!inPage(e.target)) return;
        swallow(e);
        if (type === 'click') on.pick(e.target);
      },
    ]),
    ['pointermove', (e) => on.hover(inPage(e.target) ? e.target : null)],
    ['focusin', (e) => inPage(e.target) && on.hover(e.target)],
    [
      'keydown',
      (e) => {
        const { key } = e as KeyboardEvent;
        if (key === 'Escape') {
          swallow(e);
          on.cancel();
        } else if (key === 'Enter' && inPage(e.target)) {
          swallow(e);
          on.pick(e.target);
        }
      },
    ],
  ];
  for (const [type, listener] of listeners) win.addEventListener(type, listener, { capture: true });
  return () => {
    for (const [type, listener] of listeners) win.removeEventListener(type, listener, { capture: true });
  };
}
