/**
 * NPS scoring: the one place the cut-offs live (server, widget and reports all import it).
 * 0–6 detractor, 7–8 passive, 9–10 promoter; NPS = %promoters − %detractors.
 */
export const CATEGORIES = ['detractor', 'passive', 'promoter'] as const;
export type Category = (typeof CATEGORIES)[number];
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
/** Touchpoint influence: −3 very negative … +3 very positive. */
export const FACTOR_MIN = -3;
export const FACTOR_MAX = 3;
/** Default follow-up threshold: scores at or below it are detractors in the standard scale. */
export const DEFAULT_DETRACTOR_THRESHOLD = 6;

export function categorize(score: number): Category {
  if (!Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX) {
    throw new RangeError(`score must be an integer ${SCORE_MIN}–${SCORE_MAX}, got ${score}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface Tally {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Exact NPS (−100…100, not rounded), or null when nobody answered. */
export function nps({ promoters, passives, detractors }: Tally): number | null {
  const total = promoters + passives + detractors;
  if (total === 0) return null;
  return ((promoters - detractors) / total) * 100;
}

/**
 * 95 % confidence interval of NPS by the adjusted-Wald method (Rocks 2016), so a dashboard
 * can tell a real change from noise on small samples. Null when nobody answered.
 */
export function npsInterval(tally: Tally, z = 1.959964): { low: number; high: number } | null {
  const n = tally.promoters + tally.passives + tally.detractors;
  if (n === 0) return null;
  const n1 = n + 3;
  const p = (tally.promoters + 0.75) / n1;
  const d = (tally.detractors + 0.75) / n1;
  const se = Math.sqrt((p + d - (p - d) ** 2) / n1);
  const clamp = (v: number) => Math.max(-100, Math.min(100, v));
  return { low: clamp(100 * (p - d - z * se)), high: clamp(100 * (p - d + z * se)) };
}

/** Category counts from answers per score (index 0…10), by the cut-offs above. */
export function tallyOfScores(counts: readonly number[]): Tally {
  const tally: Tally = { promoters: 0, passives: 0, detractors: 0 };
  counts.forEach((n, score) => {
    const category = categorize(score + SCORE_MIN);
    tally[category === 'promoter' ? 'promoters' : category === 'passive' ? 'passives' : 'detractors'] += n;
  });
  return tally;
}
