import { matchesAudience } from '../shared/audience.ts';
import { isEligible, isGuideEligible, type SurveyHistory } from '../shared/eligibility.ts';
import type { UserAttributes } from '../shared/schemas/common.ts';
import type { ClientGuide } from '../shared/schemas/guide.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';
import { matchesUrlPattern } from '../shared/url-pattern.ts';
import type { GuideRecord } from './history.ts';

/** Something that may start on this page view. */
export type Candidate = { kind: 'survey'; item: ClientSurvey } | { kind: 'guide'; item: ClientGuide };

export interface DueContext {
  userId: string;
  attributes: UserAttributes;
  location: { pathname: string; search: string };
  now: number;
  /** The custom event being tracked; undefined for a page view. */
  event?: string | undefined;
  surveyHistory(surveyId: string): SurveyHistory;
  guideHistory(guideId: string): GuideRecord;
}

/** Surveys start on page views only; a guide on its URL (any page without one), and on its event when it has one. */
export function isDue(candidate: Candidate, ctx: DueContext): boolean {
  const { attributes, now } = ctx;
  if (candidate.kind === 'survey') {
    const survey = candidate.item;
    return (
      ctx.event === undefined &&
      isEligible(survey, ctx.surveyHistory(survey.id), ctx.userId, now) &&
      matchesAudience(survey.audience, attributes, now)
    );
  }
  const guide = candidate.item;
  const record = ctx.guideHistory(guide.id);
  return (
    ctx.event === guide.trigger.event &&
    (!guide.trigger.url || matchesUrlPattern(guide.trigger.url, ctx.location)) &&
    isGuideEligible(guide, Boolean(record.completedAt || record.dismissedAt), attributes, now)
  );
}

/** Whether the page the user is on now is still one the candidate targets (for a delayed start). */
export function stillTargets(candidate: Candidate, location: { pathname: string; search: string }): boolean {
  const url = candidate.kind === 'guide' ? candidate.item.trigger.url : undefined;
  return !url || matchesUrlPattern(url, location);
}

/** Higher priority first; on a tie the guide (it answers to what the user is doing right now); else the server's order. */
export function pickNext(candidates: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (!best || c.item.priority > best.item.priority || (c.item.priority === best.item.priority && c.kind === 'guide' && best.kind === 'survey')) best = c;
  }
  return best;
}

/** Delay before a candidate starts, in ms. */
export const delayOf = (c: Candidate) => (c.kind === 'survey' ? c.item.delaySeconds : c.item.trigger.delaySeconds) * 1000;

/** Where a guide (re)starts: the furthest of the server's and this device's progress, from the start when past the end. */
export function startStep(guide: ClientGuide, record: GuideRecord): number {
  const at = Math.max(guide.progress?.stepIndex ?? 0, record.stepIndex ?? 0);
  return at < guide.steps.length ? at : 0;
}
