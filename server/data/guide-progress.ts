import type { Guide } from '../../shared/schemas/guide.ts';
import type { NewEvent } from './store.ts';

/** `active`: started, not finished; `completed` / `dismissed`: finished (a `once` guide does not come back). */
export type GuideProgressStatus = 'active' | 'completed' | 'dismissed';

export interface GuideProgress {
  stepIndex: number;
  status: GuideProgressStatus;
}

/**
 * Where a user is in a guide after `event`, or null when the event changes nothing. Pure, so
 * every store implementation moves progress alike:
 * - `guide_shown` starts at step 0, but never moves an active tour back (the widget re-sends it
 *   when a tour resumes on another page); a finished `always` guide starts over.
 * - `guide_step_shown` moves an active (or not yet started) tour to that step.
 * - `guide_step_completed` moves it past that step, so a tour continued on another page or
 *   device resumes at the next step even before that one was shown.
 * - `guide_completed` finishes it; `guide_dismissed` too, unless it was finished already, so a
 *   completed guide stays completed.
 */
export function nextProgress(current: GuideProgress | null, event: NewEvent, frequency: Guide['frequency']): GuideProgress | null {
  const finished = current !== null && current.status !== 'active';
  switch (event.type) {
    case 'guide_shown':
      if (current === null || (finished && frequency === 'always')) return { stepIndex: 0, status: 'active' };
      return null;
    case 'guide_step_shown':
      return finished || current?.stepIndex === event.stepIndex ? null : { stepIndex: event.stepIndex, status: 'active' };
    case 'guide_step_completed': {
      const after = event.stepIndex + 1;
      return finished || (current?.stepIndex ?? -1) >= after ? null : { stepIndex: after, status: 'active' };
    }
    case 'guide_completed':
      return current?.status === 'completed' ? null : { stepIndex: current?.stepIndex ?? 0, status: 'completed' };
    case 'guide_dismissed':
      return finished ? null : { stepIndex: current?.stepIndex ?? 0, status: 'dismissed' };
    default:
      return null;
  }
}
