/**
 * Whether a survey may be shown to a user now. Pure, so the server (the authority) and the
 * widget (which also knows about answers still queued offline) decide the same way.
 */
import { matchesAudience } from './audience.ts';
import type { Audience } from './schemas/audience.ts';
import type { UserAttributes } from './schemas/common.ts';

export const DISMISS_COOLDOWN_DAYS = 14;
const DAY_MS = 86_400_000;

export interface SurveyRules {
  id: string;
  recontactDays: number;
  sampleRate: number;
  active?: boolean;
}

/** Latest times (ms since epoch) this user answered or dismissed the survey. */
export interface SurveyHistory {
  answeredAt?: number | null;
  dismissedAt?: number | null;
}

/** FNV-1a: a stable hash so a user is sampled in or out the same way on every device and on the server. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function isSampledIn(userId: string, surveyId: string, sampleRate: number): boolean {
  if (sampleRate >= 1) return true;
  if (sampleRate <= 0) return false;
  return hash32(`${surveyId}:${userId}`) / 0x1_0000_0000 < sampleRate;
}

export function isEligible(survey: SurveyRules, history: SurveyHistory, userId: string, now: number): boolean {
  if (survey.active === false) return false;
  if (!isSampledIn(userId, survey.id, survey.sampleRate)) return false;
  if (history.answeredAt != null && now - history.answeredAt < survey.recontactDays * DAY_MS) return false;
  if (history.dismissedAt != null && now - history.dismissedAt < DISMISS_COOLDOWN_DAYS * DAY_MS) return false;
  return true;
}

export interface GuideRules {
  frequency: 'once' | 'always';
  audience?: Audience | null;
}

/**
 * Whether a guide may start for a user (its trigger aside, which only the page knows): in its
 * audience and, for a `once` guide, not yet completed or dismissed by them.
 */
export function isGuideEligible(guide: GuideRules, finished: boolean, attributes: UserAttributes, now: number): boolean {
  if (guide.frequency === 'once' && finished) return false;
  return matchesAudience(guide.audience, attributes, now);
}
