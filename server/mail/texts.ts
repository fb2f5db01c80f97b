import type { UiLocale } from '../../shared/localize.ts';
import { caseWords } from '../delivery/case-words.ts';

/** Every text of the mails, per language. Arguments are plain text; the renderer escapes them for HTML. */
const en = {
  ...caseWords.en,
  assigned: {
    subject: (user: string, score: number) => `Follow-up assigned to you: ${user} (score ${score})`,
    lead: (actor: string, user: string, score: number) => `${actor} assigned you the follow-up for ${user} (score ${score}).`,
  },
  detractor: {
    subject: (user: string, score: number, survey: string) => `New detractor: ${user} gave ${score} in “${survey}”`,
    lead: (user: string, score: number, category: string) => `${user} answered ${score} (${category}). A follow-up is open for them.`,
  },
  digest: {
    subject: (project: string, open: number, overdue: number) => `${project}: ${open} open follow-ups, ${overdue} overdue`,
    lead: (project: string, date: string) => `Follow-ups of ${project} on ${date}.`,
    totals: 'Open and overdue',
    total: (open: number, overdue: number) => `${open} open, ${overdue} overdue`,
    byAssignee: 'By assignee',
    assigneeLine: (who: string, open: number, overdue: number) => `${who}: ${open} open, ${overdue} overdue`,
    you: (email: string) => `${email} (you)`,
    oldestOverdue: 'Overdue the longest',
    overdueLine: (user: string, score: number, due: string) => `${user} (score ${score}), due ${due}`,
    openInbox: 'Open the inbox',
  },
  user: 'User',
  score: 'Score',
  plan: 'Plan',
  ltv: 'LTV',
  survey: 'Survey',
  status: 'Status',
  dueAt: 'Due',
  comment: 'Comment',
  negativeTouchpoints: 'Touchpoints that pulled the score down',
  touchpoint: (label: string, influence: string, value: number) => `${label}: ${influence} (−${-value})`,
  openFollowup: 'Open the follow-up',
  unassigned: 'Unassigned',
  noDueDate: 'none',
  footer: 'You get this mail because you turned it on under E-mail notifications on your account page in the Kizuna console; turn it off there.',
};

export type MailTexts = typeof en;

const ja: MailTexts = {
  ...caseWords.ja,
  assigned: {
    subject: (user, score) => `フォローアップの担当になりました: ${user}（スコア ${score}）`,
    lead: (actor, user, score) => `${actor} さんが ${user}（スコア ${score}）のフォローアップをあなたに割り当てました。`,
  },
  detractor: {
    subject: (user, score, survey) => `新しい批判者: ${user} が「${survey}」で ${score} と回答`,
    lead: (user, score, category) => `${user} がスコア ${score}（${category}）と回答しました。フォローアップが作成されています。`,
  },
  digest: {
    subject: (project, open, overdue) => `${project}: 未完了のフォローアップ ${open} 件、うち期限切れ ${overdue} 件`,
    lead: (project, date) => `${date} 時点の ${project} のフォローアップです。`,
    totals: '未完了と期限切れ',
    total: (open, overdue) => `未完了 ${open} 件、期限切れ ${overdue} 件`,
    byAssignee: '担当者別',
    assigneeLine: (who, open, overdue) => `${who}: 未完了 ${open} 件、期限切れ ${overdue} 件`,
    you: (email) => `${email}（あなた）`,
    oldestOverdue: '期限切れが長いもの',
    overdueLine: (user, score, due) => `${user}（スコア ${score}）、期限 ${due}`,
    openInbox: '受信箱を開く',
  },
  user: 'ユーザー',
  score: 'スコア',
  plan: 'プラン',
  ltv: 'LTV',
  survey: 'アンケート',
  status: 'ステータス',
  dueAt: '期限',
  comment: 'コメント',
  negativeTouchpoints: 'マイナスに影響したタッチポイント',
  touchpoint: (label, influence, value) => `${label}: ${influence}（−${-value}）`,
  openFollowup: 'フォローアップを開く',
  unassigned: '未割り当て',
  noDueDate: 'なし',
  footer: 'Kizuna コンソールのアカウントページの「メール通知」で受け取る設定にしているため、このメールをお送りしています。停止もそこからできます。',
};

export const mailTexts: Record<UiLocale, MailTexts> = { en, ja };
