import { DEFAULT_DETRACTOR_THRESHOLD } from './score.ts';

/**
 * What a survey gets when its author leaves a field out. Free of zod, so the console can start a
 * new survey from the same values without bundling the schema runtime.
 */

/** The standard NPS question, used when a survey does not set its own. */
export const DEFAULT_QUESTION = {
  ja: 'この製品を友人や同僚にすすめる可能性はどのくらいありますか？',
  en: 'How likely are you to recommend this product to a friend or colleague?',
} as const;

export const SURVEY_DEFAULTS = {
  detractorThreshold: DEFAULT_DETRACTOR_THRESHOLD,
  recontactDays: 90,
  delaySeconds: 5,
  sampleRate: 1,
  active: true,
  priority: 0,
} as const;
