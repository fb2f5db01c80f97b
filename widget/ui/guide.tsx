/** The guide UI chunk: loaded by `widget.js` only when a guide is about to start. */
import { render } from 'preact';
import type { MountGuide } from '../guide-ui.ts';
import { GUIDE_CSS } from './guide-styles.ts';
import { createShadowHost, GUIDE_HOST_TAG } from './shadow-host.ts';
import { Tour } from './tour.tsx';

export const mountGuide: MountGuide = (options) => {
  // Where focus was: it goes back there when the tour ends.
  const before = document.activeElement;
  const { mountPoint, remove } = createShadowHost(document, GUIDE_CSS, GUIDE_HOST_TAG);
  const host = (mountPoint.getRootNode() as ShadowRoot).host;
  render(<Tour {...options} />, mountPoint);
  return {
    unmount() {
      const active = document.activeElement;
      render(null, mountPoint);
      remove();
      // Only when focus is still ours (or lost): a user who moved on keeps their focus.
      if (before instanceof HTMLElement && before.isConnected && (active === host || active === document.body || !active)) {
        before.focus({ preventScroll: true });
      }
    },
  };
};
