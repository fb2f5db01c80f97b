/**
 * Writing Slack mrkdwn safely. Slack reads `<…>` as links, mentions (`<!channel>`, `<@U123>`) and
 * dates, so every piece of text that did not come from us goes through `escapeMrkdwn`; only the
 * markup made here (`slackLink`, `slackDate`, the quote marks) stays live.
 */

/** Slack refuses a section's text, or any text object, longer than this. */
export const SECTION_TEXT_MAX = 3000;
/** …and a section field longer than this. */
export const FIELD_TEXT_MAX = 2000;

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Escapes the three characters Slack gives meaning to (`&`, `<`, `>`), so the text shows as
 * typed and cannot open a link or notify a channel.
 * @example escapeMrkdwn('<!channel> & co') // '&lt;!channel&gt; &amp; co'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `text` rendered by `render` (by default escaped), cut to at most `max` characters of the result
 * with a trailing "…". The cut falls between graphemes, so it never splits an escape (`&amp;`), a
 * surrogate pair or an emoji sequence; and the limit counts what Slack counts, the rendered text,
 * which escaping can make several times longer than the input. `render` must map text piece by
 * piece (render(a + b) = render(a) + render(b)), as escaping does.
 * @example fitMrkdwn('a & b & c', 8) // 'a &amp;…'
 */
export function fitMrkdwn(text: string, max: number, render: (text: string) => string = escapeMrkdwn): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const piece = render(segment);
    if (out.length + piece.length + ELLIPSIS.length > max) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/**
 * `text` as a Slack block quote (every line marked), escaped and fitted into `max` characters.
 * @example quoteMrkdwn('Slow.\nVery slow.', 3000) // '> Slow.\n> Very slow.'
 */
export function quoteMrkdwn(text: string, max: number): string {
  const marker = '> ';
  return marker + fitMrkdwn(text.replace(/\r\n?/g, '\n'), max - marker.length, (t) => escapeMrkdwn(t).replace(/\n/g, `\n${marker}`));
}

/**
 * A link with `label` (escaped) to `url`, which must be one of ours: it is escaped too, and a `|`
 * in it (which would end the address early) is percent-encoded.
 * @example slackLink('https://kizuna.example.com/admin/inbox/fu_1', 'Follow-up') // '<https://kizuna.example.com/admin/inbox/fu_1|Follow-up>'
 */
export function slackLink(url: string, label: string): string {
  return `<${escapeMrkdwn(url).replace(/\|/g, '%7C')}|${escapeMrkdwn(label)}>`;
}

/**
 * A time Slack shows in each reader's own time zone and language ("Yesterday at 18:00"), with a
 * UTC fallback for clients that cannot.
 * @example slackDate('2026-12-01T09:00:00.000Z') // '<!date^1796115600^{date_short_pretty} {time}|2026-12-01 09:00 UTC>'
 */
export function slackDate(iso: string): string {
  const at = new Date(iso);
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}
