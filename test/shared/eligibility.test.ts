import { describe, expect, it } from 'vitest';
import { DISMISS_COOLDOWN_DAYS, isEligible, isGuideEligible, isSampledIn } from '../../shared/eligibility.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23);
const survey = { id: 'sv_1', recontactDays: 90, sampleRate: 1 };

describe('isEligible', () => {
  it.each([
    ['never answered nor dismissed', {}, true],
    ['answered 89 days ago (within recontact)', { answeredAt: now - 89 * DAY }, false],
    ['answered 90 days ago', { answeredAt: now - 90 * DAY }, true],
    ['dismissed 13 days ago', { dismissedAt: now - 13 * DAY }, false],
    [`dismissed ${DISMISS_COOLDOWN_DAYS} days ago`, { dismissedAt: now - DISMISS_COOLDOWN_DAYS * DAY }, true],
    ['answered long ago but dismissed yesterday', { answeredAt: now - 400 * DAY, dismissedAt: now - DAY }, false],
  ])('%s → %s', (_name, history, expected) => {
    expect(isEligible(survey, history, 'u1', now)).toBe(expected);
  });

  it('never shows an inactive survey', () => {
    expect(isEligible({ ...survey, active: false }, {}, 'u1', now)).toBe(false);
  });

  it('with recontactDays 0 asks again right after an answer', () => {
    expect(isEligible({ ...survey, recontactDays: 0 }, { answeredAt: now }, 'u1', now)).toBe(true);
  });
});

describe('isSampledIn', () => {
  const users = Array.from({ length: 4000 }, (_, i) => `user-${i}`);

  it('includes everyone at 1 and nobody at 0', () => {
    expect(users.every((u) => isSampledIn(u, 'sv_1', 1))).toBe(true);
    expect(users.some((u) => isSampledIn(u, 'sv_1', 0))).toBe(false);
  });

  it('samples close to the rate, stably per user and survey', () => {
    const inCount = users.filter((u) => isSampledIn(u, 'sv_1', 0.25)).length;
    expect(inCount / users.length).toBeGreaterThan(0.22);
    expect(inCount / users.length).toBeLessThan(0.28);
    expect(users.map((u) => isSampledIn(u, 'sv_1', 0.25))).toEqual(users.map((u) => isSampledIn(u, 'sv_1', 0.25)));
  });

  it('draws a different sample per survey', () => {
    const a = users.map((u) => isSampledIn(u, 'sv_a', 0.5));
    const b = users.map((u) => isSampledIn(u, 'sv_b', 0.5));
    expect(a).not.toEqual(b);
  });
});

describe('isGuideEligible', () => {
  const pro = { all: [{ attribute: 'plan', op: 'eq' as const, value: 'pro' }] };

  it.each([
    ['a once guide not finished', { frequency: 'once' as const }, false, true],
    ['a once guide completed or dismissed', { frequency: 'once' as const }, true, false],
    ['an always guide, even finished', { frequency: 'always' as const }, true, true],
    ['outside its audience', { frequency: 'always' as const, audience: pro }, false, false],
  ])('%s → %s', (_name, guide, finished, expected) => {
    expect(isGuideEligible({ audience: null, ...guide }, finished, { plan: 'free' }, now)).toBe(expected);
  });
});
