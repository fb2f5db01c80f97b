import type { UiLocale } from '../shared/localize.ts';
import type { GuideStep } from '../shared/schemas/guide.ts';

/** The contract between the loader and the lazily loaded guide UI (`ui/guide.tsx`). */

/** How a tour ended: its last step done, closed by the user, or not one step could be shown. */
export type GuideEnd = 'completed' | 'dismissed' | 'missing';

export interface GuideViewOptions {
  guide: { id: string; steps: GuideStep[] };
  /** The step to show first (a tour resumed on another page starts where it was left). */
  startAt: number;
  locale: UiLocale;
  onStepShown(index: number): void;
  /** Next, Done, or a click on the target of an `advance: 'click'` step. */
  onStepCompleted(index: number): void;
  /** The step's target did not appear in time; the step is skipped. */
  onTargetMissing(index: number): void;
  onEnd(how: GuideEnd): void;
}

export interface MountedGuide {
  unmount(): void;
}

export type MountGuide = (options: GuideViewOptions) => MountedGuide;
