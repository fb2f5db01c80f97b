import { controlMessages } from './controls.ts';
import type { UiLocale } from './localize.ts';

/** Every string a respondent reads, in each UI language. Keys are checked to match by the type. */
const en = {
  ...controlMessages.en,
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
  submit: 'Submit',
  thanks: 'Thank you for your feedback!',
  step: (n: number, of: number) => `Step ${n} of ${of}`,
};

export type Messages = typeof en;

const ja: Messages = {
  ...controlMessages.ja,
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
  submit: '送信',
  thanks: 'ご回答ありがとうございました。',
  step: (n, of) => `${of} 問中 ${n} 問目`,
};

export const messages: Record<UiLocale, Messages> = { ja, en };
