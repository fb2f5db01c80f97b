import { describe, expect, it } from 'vitest';
import { categorize, nps, npsInterval } from '../../shared/score.ts';

describe('categorize', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('scores %i as %s', (score, category) => {
    expect(categorize(score)).toBe(category);
  });

  it.each([-1, 11, 3.5, Number.NaN])('refuses %s', (score) => {
    expect(() => categorize(score)).toThrow(RangeError);
  });
});

describe('nps', () => {
  it('is null when nobody answered', () => {
    expect(nps({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });

  it('is the exact difference of percentages, not rounded', () => {
    expect(nps({ promoters: 3, passives: 1, detractors: 2 })).toBeCloseTo(100 / 6, 10);
  });

  it('spans −100 to +100', () => {
    expect(nps({ promoters: 0, passives: 0, detractors: 5 })).toBe(-100);
    expect(nps({ promoters: 5, passives: 0, detractors: 0 })).toBe(100);
    expect(nps({ promoters: 0, passives: 4, detractors: 0 })).toBe(0);
  });
});

describe('npsInterval (adjusted Wald)', () => {
  it('is null without answers', () => {
    expect(npsInterval({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });

  it('matches a hand-computed interval', () => {
    // n′ = 13, p′ = 5.75/13, d′ = 2.75/13
    const p = 5.75 / 13;
    const d = 2.75 / 13;
    const se = Math.sqrt((p + d - (p - d) ** 2) / 13);
    const interval = npsInterval({ promoters: 5, passives: 3, detractors: 2 });
    expect(interval?.low).toBeCloseTo(100 * (p - d - 1.959964 * se), 8);
    expect(interval?.high).toBeCloseTo(100 * (p - d + 1.959964 * se), 8);
  });

  it('narrows as the sample grows and stays within ±100', () => {
    const small = npsInterval({ promoters: 6, passives: 2, detractors: 2 })!;
    const large = npsInterval({ promoters: 600, passives: 200, detractors: 200 })!;
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    const extreme = npsInterval({ promoters: 1, passives: 0, detractors: 0 })!;
    expect(extreme.high).toBeLessThanOrEqual(100);
    expect(extreme.low).toBeGreaterThanOrEqual(-100);
  });
});
