import type { LocalizedText } from './schemas/common.ts';

/** Every string a respondent reads, in each UI language. Keys are checked to match by the type. */
const en = {
  surveyLabel: 'Feedback survey',
  scaleLow: 'Not at all likely',
  scaleHigh: 'Extremely likely',
  factorsQuestion: 'How did each of these influence your score?',
  factorOptions: [
    'Very negative influence',
    'Negative influence',
    'Slightly negative influence',
    'No influence',
    'Slightly positive influence',
    'Positive influence',
    'Very positive influence',
  ],
  factorLow: 'Very negative',
  factorHigh: 'Very positive',
  notApplicable: 'Not applicable',
  commentLabel: 'Anything else you would like to tell us? (optional)',
  next: 'Next',
  back: 'Back',
  submit: 'Submit',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
  step: (n: number, of: number) => `Step ${n} of ${of}`,
};

export type Messages = typeof en;

const ja: Messages = {
  surveyLabel: 'アンケート',
  scaleLow: '全く思わない',
  scaleHigh: '非常にそう思う',
  factorsQuestion: '次の点は、今回の評価にどのように影響しましたか？',
  factorOptions: [
    'とてもマイナスに影響した',
    'マイナスに影響した',
    'ややマイナスに影響した',
    '影響しなかった',
    'ややプラスに影響した',
    'プラスに影響した',
    'とてもプラスに影響した',
  ],
  factorLow: 'とてもマイナス',
  factorHigh: 'とてもプラス',
  notApplicable: '該当なし',
  commentLabel: 'ほかにご意見があればお聞かせください（任意）',
  next: '次へ',
  back: '戻る',
  submit: '送信',
  close: '閉じる',
  thanks: 'ご回答ありがとうございました。',
  step: (n, of) => `${of} 問中 ${n} 問目`,
};

export const UI_LOCALES = ['ja', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const messages: Record<UiLocale, Messages> = { ja, en };

/** First candidate whose language we ship a UI for ("ja-JP" → "ja"); English otherwise. */
export function resolveLocale(...candidates: Array<string | null | undefined>): UiLocale {
  for (const candidate of candidates) {
    const lang = candidate?.toLowerCase().split(/[-_]/)[0];
    const match = UI_LOCALES.find((l) => l === lang);
    if (match) return match;
  }
  return 'en';
}

/** Picks the text for a locale: exact tag, then its language, then English, Japanese, any. */
export function localize(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  const lang = locale.split('-')[0] ?? locale;
  return text[locale] ?? text[lang] ?? text.en ?? text.ja ?? Object.values(text)[0] ?? '';
}
