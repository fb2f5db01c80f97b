/**
 * The control labels surveys and guides share, in each UI language. A module of their own so a
 * guide's bundle does not carry the survey's texts (bundlers split chunks by module, not export).
 */
const en = { next: 'Next', back: 'Back', close: 'Close', done: 'Done' };
export type ControlMessages = typeof en;
const ja: ControlMessages = { next: '次へ', back: '戻る', close: '閉じる', done: '完了' };

export const controlMessages = { ja, en };
