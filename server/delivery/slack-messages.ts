import type { UiLocale } from '../../shared/localize.ts';
import { caseWords } from './case-words.ts';

/**
 * Every text of the Slack messages, per language. Arguments are mrkdwn already made safe by the
 * caller (escaped user text, our links and dates), so these only arrange them.
 */
const en = {
  ...caseWords.en,
  headings: {
    'response.created': (score: number, category: string) => `New answer: score ${score} (${category})`,
    'response.updated': (score: number, category: string) => `Answer completed: score ${score} (${category})`,
    'followup.created': (score: number, category: string) => `Follow-up opened: score ${score} (${category})`,
  },
  /** The one-line form of an answer, and the notification text of a detailed message. */
  summary: (heading: string, user: string, survey: string) => `${heading} from ${user} in “${survey}”`,
  withComment: (summary: string, comment: string) => `${summary}: “${comment}”`,
  user: 'User',
  plan: 'Plan',
  ltv: 'LTV',
  survey: 'Survey',
  comment: 'Comment',
  negativeTouchpoints: 'Touchpoints that pulled the score down',
  touchpoint: (label: string, influence: string, value: number) => `• ${label}: ${influence} (−${-value})`,
  moreTouchpoints: (count: number) => `…and ${count} more`,
  openFollowup: 'Open follow-up',
  followup: (user: string, score: number) => `Follow-up for ${user} (score ${score})`,
  followupUpdated: (followup: string, actor: string, changes: string) => `${followup} updated by ${actor}: ${changes}`,
  changes: {
    status: (from: string, to: string) => `status ${from} → ${to}`,
    assignee: (from: string, to: string) => `assignee ${from} → ${to}`,
    dueAt: (from: string, to: string) => `due date ${from} → ${to}`,
    note: 'note added',
  },
  changeSeparator: '; ',
  unassigned: 'unassigned',
  noDueDate: 'none',
  followupOverdue: (followup: string, due: string) => `${followup} is overdue: it was due ${due}`,
  test: 'Test message from Kizuna: this Slack endpoint is set up.',
};

export type SlackTexts = typeof en;

const ja: SlackTexts = {
  ...caseWords.ja,
  headings: {
    'response.created': (score, category) => `新しい回答: スコア ${score}（${category}）`,
    'response.updated': (score, category) => `回答が完了: スコア ${score}（${category}）`,
    'followup.created': (score, category) => `フォローアップ作成: スコア ${score}（${category}）`,
  },
  summary: (heading, user, survey) => `${heading} — ${user}、「${survey}」`,
  withComment: (summary, comment) => `${summary}: 「${comment}」`,
  user: 'ユーザー',
  plan: 'プラン',
  ltv: 'LTV',
  survey: 'アンケート',
  comment: 'コメント',
  negativeTouchpoints: 'マイナスに影響したタッチポイント',
  touchpoint: (label, influence, value) => `• ${label}: ${influence}（−${-value}）`,
  moreTouchpoints: (count) => `ほか ${count} 件`,
  openFollowup: 'フォローアップを開く',
  followup: (user, score) => `${user}（スコア ${score}）のフォローアップ`,
  followupUpdated: (followup, actor, changes) => `${followup}を ${actor} が更新しました: ${changes}`,
  changes: {
    status: (from, to) => `ステータス ${from} → ${to}`,
    assignee: (from, to) => `担当者 ${from} → ${to}`,
    dueAt: (from, to) => `期限 ${from} → ${to}`,
    note: 'メモを追加',
  },
  changeSeparator: '、',
  unassigned: '未割り当て',
  noDueDate: 'なし',
  followupOverdue: (followup, due) => `${followup}が期限切れです（期限 ${due}）`,
  test: 'Kizuna からのテストメッセージです。この Slack への送信は正しく設定されています。',
};

export const slackTexts: Record<UiLocale, SlackTexts> = { ja, en };
