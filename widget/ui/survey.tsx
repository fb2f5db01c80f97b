/** The survey UI chunk: loaded by `widget.js` only when a survey is about to be shown. */
import { render } from 'preact';
import type { MountSurvey } from '../survey-ui.ts';
import { SurveyCard } from './card.tsx';
import { createShadowHost } from './shadow-host.ts';
import { CARD_CSS } from './card-styles.ts';

export const mountSurvey: MountSurvey = (options) => {
  const { mountPoint, remove } = createShadowHost(document, CARD_CSS);
  render(<SurveyCard {...options} />, mountPoint);
  return {
    unmount() {
      render(null, mountPoint);
      remove();
    },
  };
};
