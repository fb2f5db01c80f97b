import type { ClientGuide } from '../shared/schemas/guide.ts';
import { nanoid } from 'nanoid';
import type { GuideEnd, MountedGuide, MountGuide } from './guide-ui.ts';
import type { LocalGuideHistory } from './history.ts';
import type { Log } from './log.ts';
import type { Respondent } from './present.ts';
import type { Transport } from './transport.ts';

export interface PresentGuideOptions {
  mount: MountGuide;
  guide: ClientGuide;
  startAt: number;
  respondent: Respondent;
  transport: Transport;
  history: LocalGuideHistory;
  log: Log;
  /** Called once the tour is gone, however it ended. */
  onClosed(): void;
}

type StepEventType = 'guide_step_shown' | 'guide_step_completed' | 'guide_target_missing';

/**
 * Runs one guide and turns what happens in it into events (the server keeps the progress from
 * them) and into this device's record: where the tour stands, and whether it is finished.
 */
export function presentGuide({ mount, guide, startAt, respondent, transport, history, log, onClosed }: PresentGuideOptions): MountedGuide {
  const base = () => ({ id: nanoid(), guideId: guide.id, userId: respondent.id, at: Date.now() });
  const stepEvent = (type: StepEventType, stepIndex: number) => transport.sendEvent({ ...base(), type, stepIndex });
  let started = false;
  let view: MountedGuide | undefined;
  let closed = false;

  function onEnd(how: GuideEnd): void {
    if (how === 'completed') {
      transport.sendEvent({ ...base(), type: 'guide_completed' });
      history.record(guide.id, { completedAt: Date.now(), stepIndex: undefined });
    } else if (how === 'dismissed') {
      transport.sendEvent({ ...base(), type: 'guide_dismissed' });
      history.record(guide.id, { dismissedAt: Date.now(), stepIndex: undefined });
    }
    closed = true;
    view?.unmount();
    onClosed();
  }

  // The tour lives in the host page: a slip in our callbacks must not surface there as an error.
  const guarded =
    <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch (error) {
        log(`${name} failed`, error);
      }
    };
  view = mount({
    guide,
    startAt,
    locale: respondent.locale,
    onStepShown: guarded('onStepShown', (i: number) => {
      if (!started) transport.sendEvent({ ...base(), type: 'guide_shown' });
      started = true;
      stepEvent('guide_step_shown', i);
    }),
    onStepCompleted: guarded('onStepCompleted', (i: number) => {
      stepEvent('guide_step_completed', i);
      if (i + 1 < guide.steps.length) history.record(guide.id, { stepIndex: i + 1 });
    }),
    onTargetMissing: guarded('onTargetMissing', (i: number) => stepEvent('guide_target_missing', i)),
    onEnd: guarded('onEnd', onEnd),
  });
  // Ended while mounting (nothing to show): nothing left to remove later.
  if (closed) view.unmount();
  return view;
}
