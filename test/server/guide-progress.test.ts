import { describe, expect, it } from 'vitest';
import { nextProgress, type GuideProgress } from '../../server/data/guide-progress.ts';
import type { NewEvent } from '../../server/data/store.ts';

const base = { clientId: 'event_001', guideId: 'gd_1', userId: 'u', at: new Date() };
const shown: NewEvent = { ...base, type: 'guide_shown' };
const step = (stepIndex: number): NewEvent => ({ ...base, type: 'guide_step_shown', stepIndex });
const completed: NewEvent = { ...base, type: 'guide_completed' };
const dismissed: NewEvent = { ...base, type: 'guide_dismissed' };
const active = (stepIndex: number): GuideProgress => ({ stepIndex, status: 'active' });
const done: GuideProgress = { stepIndex: 2, status: 'completed' };
const closed: GuideProgress = { stepIndex: 1, status: 'dismissed' };

describe('nextProgress', () => {
  it.each([
    ['guide_shown starts a new tour at step 0', null, shown, 'once', active(0)],
    ['guide_shown leaves a tour further along where it is', active(2), shown, 'once', null],
    ['guide_shown does not restart a finished once guide', done, shown, 'once', null],
    ['guide_shown restarts a completed always guide', done, shown, 'always', active(0)],
    ['guide_shown restarts a dismissed always guide', closed, shown, 'always', active(0)],
    ['guide_step_shown moves to that step, back as well as forward', active(2), step(1), 'once', active(1)],
    ['guide_step_shown starts a tour not started yet', null, step(1), 'once', active(1)],
    ['guide_step_shown of the current step changes nothing', active(1), step(1), 'once', null],
    ['guide_step_shown does not reopen a finished guide', done, step(0), 'always', null],
    ['guide_step_completed moves past that step', active(0), { ...base, type: 'guide_step_completed', stepIndex: 0 } as NewEvent, 'once', active(1)],
    ['guide_step_completed of an earlier step does not move back', active(2), { ...base, type: 'guide_step_completed', stepIndex: 0 } as NewEvent, 'once', null],
    ['guide_step_completed does not reopen a finished guide', done, { ...base, type: 'guide_step_completed', stepIndex: 1 } as NewEvent, 'always', null],
    ['guide_completed finishes an active tour where it is', active(2), completed, 'once', done],
    ['guide_completed after a dismissal completes it', closed, completed, 'once', { stepIndex: 1, status: 'completed' }],
    ['guide_completed twice changes nothing', done, completed, 'once', null],
    ['guide_dismissed closes an active tour', active(1), dismissed, 'once', closed],
    ['guide_dismissed keeps a completed guide completed', done, dismissed, 'once', null],
    ['guide_target_missing changes nothing', active(1), { ...base, type: 'guide_target_missing', stepIndex: 1 } as NewEvent, 'once', null],
  ] as const)('%s', (_label, current, event, frequency, expected) => {
    expect(nextProgress(current, event, frequency)).toEqual(expected);
  });
});
