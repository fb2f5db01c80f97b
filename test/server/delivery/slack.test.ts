import { describe, expect, it } from 'vitest';
import { slackMessage, type SlackBlock, type SlackMessage } from '../../../server/delivery/slack.ts';
import { webhookEnvelope, type WebhookEnvelope, type WebhookFollowup, type WebhookResponse } from '../../../shared/schemas/webhook.ts';

const CONSOLE_URL = 'https://kizuna.example.com/admin/inbox/fu_1';

const detractor: WebhookResponse = {
  id: 'resp_123456789',
  surveyId: 'srv_1',
  surveyName: 'Quarterly NPS',
  userId: 'u_42',
  score: 3,
  category: 'detractor',
  touchpoints: [
    { key: 'onboarding', label: { ja: 'オンボーディング', en: 'Onboarding' }, value: -1 },
    { key: 'docs', label: { ja: 'ヘルプ', en: 'Help docs' }, value: 2 },
    { key: 'billing', label: { ja: '請求', en: 'Billing' }, value: -3 },
    { key: 'support', label: 'Support', value: 0 },
  ],
  comment: 'Invoices are confusing.\nI gave up.',
  locale: 'ja',
  url: 'https://app.example.com/invoices',
  attributes: { plan: 'pro', ltv: 120000 },
  consoleUrl: CONSOLE_URL,
};

const followup: WebhookFollowup = {
  id: 'fu_1',
  status: 'open',
  assignee: null,
  dueAt: '2026-12-03T00:00:00.000Z',
  score: 3,
  userId: 'u_42',
  responseId: 'resp_123456789',
  consoleUrl: CONSOLE_URL,
};

/** An event as a receiver would get it: parsed, so the fixtures are valid envelopes. */
const event = (type: WebhookEnvelope['type'], data: unknown): WebhookEnvelope =>
  webhookEnvelope.parse({ id: 'evt_0123456789abcdef', version: 1, type, createdAt: '2026-12-01T00:00:00.000Z', projectId: 'prj_1', data });

const answered = (response: Partial<WebhookResponse>, type: 'response.created' | 'response.updated' = 'response.created') =>
  event(type, { response: { ...detractor, ...response } });

/** Every mrkdwn and plain text of a message, the notification text first. */
function texts(message: SlackMessage): string[] {
  const ofBlock = (block: SlackBlock): string[] => {
    if (block.type === 'header') return [block.text.text];
    if (block.type === 'actions') return block.elements.map((e) => e.text.text);
    return 'fields' in block ? block.fields.map((f) => f.text) : [block.text.text];
  };
  return [message.text, ...message.blocks.flatMap(ofBlock)];
}

/** What Slack refuses (https://docs.slack.dev/reference/block-kit/blocks): checked on every message built here. */
function expectWithinSlackLimits(message: SlackMessage) {
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section' && 'fields' in block) {
      expect(block.fields.length).toBeLessThanOrEqual(10);
      for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'section' && 'text' in block) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'actions') for (const e of block.elements) expect(e.text.text.length).toBeLessThanOrEqual(75);
  }
  // No mrkdwn object lets Slack auto-link names or mentions in user text.
  const mrkdwn = message.blocks.flatMap((b) => (b.type === 'section' ? ('fields' in b ? b.fields : [b.text]) : []));
  for (const m of mrkdwn) expect(m.verbatim).toBe(true);
  expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
}

describe('slackMessage for a detractor', () => {
  it('shows the whole case in Japanese', () => {
    const message = slackMessage(answered({}), { language: 'ja' });
    expectWithinSlackLimits(message);
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '新しい回答: スコア 3（批判者）' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*ユーザー*\nu_42', verbatim: true },
          { type: 'mrkdwn', text: '*プラン*\npro', verbatim: true },
          { type: 'mrkdwn', text: '*LTV*\n120,000', verbatim: true },
          { type: 'mrkdwn', text: '*アンケート*\nQuarterly NPS', verbatim: true },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*コメント*\n> Invoices are confusing.\n> I gave up.', verbatim: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*マイナスに影響したタッチポイント*\n• 請求: とてもマイナス（−3）\n• オンボーディング: ややマイナス（−1）', verbatim: true },
      },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'フォローアップを開く' }, url: CONSOLE_URL, style: 'primary' }] },
    ]);
    expect(message.text).toBe('新しい回答: スコア 3（批判者） — u_42、「Quarterly NPS」: 「Invoices are confusing.\nI gave up.」');
  });

  it('shows the whole case in English', () => {
    const message = slackMessage(answered({}, 'response.updated'), { language: 'en' });
    expectWithinSlackLimits(message);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Answer completed: score 3 (Detractor)' } });
    expect(texts(message)).toEqual([
      'Answer completed: score 3 (Detractor) from u_42 in “Quarterly NPS”: “Invoices are confusing.\nI gave up.”',
      'Answer completed: score 3 (Detractor)',
      '*User*\nu_42',
      '*Plan*\npro',
      '*LTV*\n120,000',
      '*Survey*\nQuarterly NPS',
      '*Comment*\n> Invoices are confusing.\n> I gave up.',
      '*Touchpoints that pulled the score down*\n• Billing: Very negative (−3)\n• Onboarding: Slightly negative (−1)',
      'Open follow-up',
    ]);
  });

  it('leaves out what the answer does not have', () => {
    const message = slackMessage(answered({ comment: null, attributes: { plan: null }, touchpoints: [{ key: 'docs', label: 'Docs', value: 3 }], consoleUrl: null }), {
      language: 'en',
    });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section']);
    expect(texts(message)).toEqual(['New answer: score 3 (Detractor) from u_42 in “Quarterly NPS”', 'New answer: score 3 (Detractor)', '*User*\nu_42', '*Survey*\nQuarterly NPS']);
  });

  it('shows LTV as a grouped number without a currency, and a text LTV as sent', () => {
    const ltvOf = (ltv: string | number, language: 'ja' | 'en') =>
      texts(slackMessage(answered({ attributes: { ltv } }), { language })).find((t) => t.startsWith('*LTV*'));
    expect(ltvOf(1234567.891, 'en')).toBe('*LTV*\n1,234,567.89');
    expect(ltvOf(1234567, 'ja')).toBe('*LTV*\n1,234,567');
    expect(ltvOf('¥120,000', 'ja')).toBe('*LTV*\n¥120,000');
  });

  it('opens a follow-up with the same case and its button', () => {
    const message = slackMessage(event('followup.created', { followup, response: { ...detractor, consoleUrl: null } }), { language: 'en' });
    expectWithinSlackLimits(message);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Follow-up opened: score 3 (Detractor)' } });
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ url: CONSOLE_URL }] });
  });
});

describe('slackMessage in one line', () => {
  it('for a promoter', () => {
    const promoter = answered({ score: 10, category: 'promoter', touchpoints: [{ key: 'billing', label: { ja: '請求', en: 'Billing' }, value: -2 }] });
    const ja = slackMessage(promoter, { language: 'ja' });
    expect(ja).toEqual({
      text: '新しい回答: スコア 10（推奨者） — u_42、「Quarterly NPS」',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '新しい回答: スコア 10（推奨者） — u_42、「Quarterly NPS」', verbatim: true } }],
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(slackMessage(promoter, { language: 'en' }).text).toBe('New answer: score 10 (Promoter) from u_42 in “Quarterly NPS”');
    expect(slackMessage(answered({ score: 7, category: 'passive' }, 'response.updated'), { language: 'en' }).text).toBe(
      'Answer completed: score 7 (Passive) from u_42 in “Quarterly NPS”',
    );
  });

  const updated = event('followup.updated', {
    followup: { ...followup, status: 'in_progress', assignee: 'aiko@example.com', dueAt: '2026-12-05T09:30:00.000Z' },
    changes: [
      { field: 'status', from: 'open', to: 'in_progress' },
      { field: 'assignee', from: null, to: 'aiko@example.com' },
      { field: 'dueAt', from: '2026-12-03T00:00:00.000Z', to: '2026-12-05T09:30:00.000Z' },
      { field: 'note', from: null, to: 'Called them; they want a refund.' },
    ],
    actor: 'ken@example.com',
  });
  const due = (iso: string, fallback: string) => `<!date^${Date.parse(iso) / 1000}^{date_short_pretty} {time}|${fallback}>`;

  it('for a followup.updated, in Japanese and English', () => {
    const link = (label: string) => `<${CONSOLE_URL}|${label}>`;
    const ja = slackMessage(updated, { language: 'ja' });
    expect(ja.blocks).toHaveLength(1);
    expect(ja.text).toBe(
      `${link('u_42（スコア 3）のフォローアップ')}を ken@example.com が更新しました: ステータス 未対応 → 対応中、担当者 未割り当て → aiko@example.com、` +
        `期限 ${due('2026-12-03T00:00:00.000Z', '2026-12-03 00:00 UTC')} → ${due('2026-12-05T09:30:00.000Z', '2026-12-05 09:30 UTC')}、メモを追加`,
    );
    expect(ja.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ja.text, verbatim: true } });
    expect(slackMessage(updated, { language: 'en' }).text).toBe(
      `${link('Follow-up for u_42 (score 3)')} updated by ken@example.com: status Open → In progress; assignee unassigned → aiko@example.com; ` +
        `due date ${due('2026-12-03T00:00:00.000Z', '2026-12-03 00:00 UTC')} → ${due('2026-12-05T09:30:00.000Z', '2026-12-05 09:30 UTC')}; note added`,
    );
  });

  it('keeps a note out of the channel', () => {
    expect(JSON.stringify(slackMessage(updated, { language: 'en' }))).not.toContain('refund');
  });

  it('for an overdue follow-up and a test', () => {
    expect(slackMessage(event('followup.overdue', { followup }), { language: 'en' }).text).toBe(
      `<${CONSOLE_URL}|Follow-up for u_42 (score 3)> is overdue: it was due ${due('2026-12-03T00:00:00.000Z', '2026-12-03 00:00 UTC')}`,
    );
    const test = slackMessage(event('webhook.test', { webhookId: 'wh_1' }), { language: 'ja' });
    expect(test.text).toBe('Kizuna からのテストメッセージです。この Slack への送信は正しく設定されています。');
    expect(test.blocks).toHaveLength(1);
  });
});

describe('slackMessage and user text', () => {
  const hostile = '<!channel> see <https://evil.example|click> & <@U123>';

  it('escapes mentions and links in a comment, names and attributes', () => {
    const response = answered({
      comment: hostile,
      userId: '<!here>',
      surveyName: '<!everyone>',
      attributes: { plan: '<https://evil.example|upgrade>', ltv: '<!subteam^S1>' },
      touchpoints: [{ key: 'billing', label: '<!channel> billing', value: -2 }],
    });
    for (const language of ['ja', 'en'] as const) {
      const message = slackMessage(response, { language });
      expectWithinSlackLimits(message);
      // The button's address is a field of its own, so no text of this message needs a "<" at all.
      for (const text of texts(message)) expect(text).not.toContain('<');
      expect(texts(message).join('\n')).toContain('&lt;!channel&gt; see &lt;https://evil.example|click&gt; &amp; &lt;@U123&gt;');
    }
  });

  it('escapes names inside a one-line message, leaving only our link and dates live', () => {
    const message = slackMessage(
      event('followup.updated', {
        followup: { ...followup, userId: 'u|<!channel>' },
        changes: [{ field: 'assignee', from: '<!here>', to: '<@U1>' }],
        actor: '<https://evil.example|admin>',
      }),
      { language: 'en' },
    );
    expect(message.text).toBe(
      `<${CONSOLE_URL}|Follow-up for u|&lt;!channel&gt; (score 3)> updated by &lt;https://evil.example|admin&gt;: assignee &lt;!here&gt; → &lt;@U1&gt;`,
    );
  });

  it('cuts a long comment to Slack’s 3000 characters after escaping, without splitting an escape or an emoji', () => {
    // Comments are at most 2000 characters: escapes and quote marks make them longer than 3000.
    for (const comment of ['&'.repeat(2000), '&👍🏽'.repeat(400), 'a\n'.repeat(1000)]) {
      const message = slackMessage(answered({ comment }), { language: 'en' });
      expectWithinSlackLimits(message);
      const quoted = texts(message).find((t) => t.startsWith('*Comment*'))!;
      expect(quoted.length).toBeGreaterThan(2900);
      expect(quoted).toMatch(/…$/);
      expect(quoted).not.toMatch(/&(?!amp;)/);
      expect(quoted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(quoted).not.toMatch(/👍(?!🏽)/);
      expect(quoted.split('\n').slice(1).every((line) => line.startsWith('> '))).toBe(true);
      // The notification text takes a short excerpt only.
      expect(message.text.length).toBeLessThan(400);
    }
  });

  it('lists the negative touchpoints up to Slack’s limit and says how many did not fit', () => {
    // Each line is "\n• <label>: Very negative (−3)": 23 characters + the label. After the header
    // (40) and 13 lines of 200-character labels, a 14th line of 56 would leave 5 characters, too
    // few to say that 6 more did not fit: the list stops after 13 and says 7.
    const labels = [...Array<string>(13).fill('x'.repeat(200)), 'y'.repeat(33), ...Array<string>(6).fill('z'.repeat(10))];
    const touchpoints = labels.map((label, i) => ({ key: `tp${i}`, label, value: -3 }));
    const message = slackMessage(answered({ touchpoints }), { language: 'en' });
    expectWithinSlackLimits(message);
    const list = texts(message).find((t) => t.startsWith('*Touchpoints'))!;
    expect(list.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(13);
    expect(list.endsWith('\n…and 7 more')).toBe(true);
  });
});
