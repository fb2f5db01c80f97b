import type { UiLocale } from '../../shared/localize.ts';

/**
 * The words for a case that every message sent out uses (Slack and mail alike), per language: one
 * table, so a category or status is never named two ways.
 */
export const caseWords = {
  en: {
    categories: { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter' },
    statuses: { open: 'Open', in_progress: 'In progress', resolved: 'Resolved' },
    /** Influence −1, −2, −3 (as the console words it). */
    negativeInfluence: ['Slightly negative', 'Negative', 'Very negative'],
  },
  ja: {
    categories: { detractor: '批判者', passive: '中立者', promoter: '推奨者' },
    statuses: { open: '未対応', in_progress: '対応中', resolved: '完了' },
    negativeInfluence: ['ややマイナス', 'マイナス', 'とてもマイナス'],
  },
} satisfies Record<UiLocale, unknown>;
