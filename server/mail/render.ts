import { escapeToBuffer } from 'hono/utils/html';
import { localize, type UiLocale } from '../../shared/localize.ts';
import { FOLLOWUP_STATUSES } from '../../shared/schemas/followup.ts';
import { webhookEnvelope } from '../../shared/schemas/webhook.ts';
import { negativeTouchpoints, planAndLtv } from '../delivery/case-facts.ts';
import { DIGEST_EVENT, type DigestData } from './digest-job.ts';
import { mailTexts, type MailTexts } from './texts.ts';

/** A mail ready for the transport: subject, plain text and the same as simple HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Who reads it: their language, the project's time zone for dates, and their address (to mark "you" in a digest). */
export interface MailReader {
  language: UiLocale;
  timeZone: string;
  email: string;
}

/** What a mail says, in order; rendered once as text and once as HTML, so the two never differ. */
type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: Array<readonly [string, string]> }
  | { kind: 'quote'; title: string; text: string }
  | { kind: 'list'; title: string; items: string[] }
  | { kind: 'link'; label: string; url: string };

/**
 * The mail of an outbox event for one reader: "a follow-up is assigned to you" (`followup.updated`),
 * "a new detractor" (`followup.created`) and the daily digest (`digest.daily`); null for events
 * that are never mailed. Everything from users (comments, names) is escaped in the HTML.
 * @example const mail = renderMail(delivery.envelope, { language: 'ja', timeZone: 'Asia/Tokyo', email: 'aiko@example.com' });
 */
export function renderMail(envelope: Record<string, unknown>, reader: MailReader): RenderedMail | null {
  const t = mailTexts[reader.language];
  if (envelope.type === DIGEST_EVENT) return compose(reader.language, t, ...digest(t, reader, envelope.data as DigestData));
  const parsed = webhookEnvelope.safeParse(envelope);
  if (!parsed.success) return null;
  const event = parsed.data;
  const date = dateFormat(reader);
  switch (event.type) {
    case 'followup.updated': {
      const { followup, actor } = event.data;
      const due = followup.dueAt ? date(followup.dueAt) : t.noDueDate;
      return compose(reader.language, t, t.assigned.subject(followup.userId, followup.score), [
        { kind: 'paragraph', text: t.assigned.lead(actor, followup.userId, followup.score) },
        { kind: 'facts', rows: [[t.status, statusText(t, followup.status)], [t.dueAt, due]] },
        { kind: 'link', label: t.openFollowup, url: followup.consoleUrl },
      ]);
    }
    case 'followup.created': {
      const { followup, response } = event.data;
      const category = t.categories[response.category];
      const { plan, ltv } = planAndLtv(response, reader.language);
      const rows: Array<readonly [string, string]> = [
        [t.score, `${response.score} (${category})`],
        [t.user, response.userId],
        ...(plan === null ? [] : [[t.plan, plan] as const]),
        ...(ltv === null ? [] : [[t.ltv, ltv] as const]),
        [t.survey, response.surveyName],
      ];
      const blocks: Block[] = [{ kind: 'paragraph', text: t.detractor.lead(response.userId, response.score, category) }, { kind: 'facts', rows }];
      if (response.comment) blocks.push({ kind: 'quote', title: t.comment, text: response.comment });
      const negatives = negativeTouchpoints(response);
      if (negatives.length > 0) {
        const items = negatives.map((tp) => t.touchpoint(localize(tp.label, reader.language), t.negativeInfluence[-tp.value - 1] ?? '', tp.value));
        blocks.push({ kind: 'list', title: t.negativeTouchpoints, items });
      }
      blocks.push({ kind: 'link', label: t.openFollowup, url: followup.consoleUrl });
      return compose(reader.language, t, t.detractor.subject(response.userId, response.score, response.surveyName), blocks);
    }
    default:
      return null;
  }
}

function digest(t: MailTexts, reader: MailReader, data: DigestData): [string, Block[]] {
  const d = t.digest;
  const date = dateFormat(reader);
  const who = (assignee: string | null) => (assignee === null ? t.unassigned : assignee === reader.email ? d.you(assignee) : assignee);
  const blocks: Block[] = [
    { kind: 'paragraph', text: d.lead(data.projectName, data.date) },
    { kind: 'facts', rows: [[d.totals, d.total(data.open, data.overdue)]] },
  ];
  if (data.byAssignee.length > 0) {
    // The reader's own line first: it is what they came for.
    const rows = [...data.byAssignee].sort((a, b) => Number(b.assignee === reader.email) - Number(a.assignee === reader.email));
    blocks.push({ kind: 'list', title: d.byAssignee, items: rows.map((row) => d.assigneeLine(who(row.assignee), row.open, row.overdue)) });
  }
  if (data.oldestOverdue.length > 0) {
    blocks.push({ kind: 'list', title: d.oldestOverdue, items: data.oldestOverdue.map((f) => `${d.overdueLine(f.userId, f.score, date(f.dueAt))} — ${f.consoleUrl}`) });
  }
  blocks.push({ kind: 'link', label: d.openInbox, url: data.inboxUrl });
  return [d.subject(data.projectName, data.open, data.overdue), blocks];
}

const dateFormat = ({ language, timeZone }: MailReader) => {
  const format = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (iso: string) => format.format(new Date(iso));
};

function statusText(t: MailTexts, status: string): string {
  const known = FOLLOWUP_STATUSES.find((s) => s === status);
  return known ? t.statuses[known] : status;
}

/** Subject lines are one line whatever a name contains. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

function compose(language: UiLocale, t: MailTexts, subject: string, blocks: Block[]): RenderedMail {
  return { subject: oneLine(subject), text: asText(blocks, t.footer), html: asHtml(language, oneLine(subject), blocks, t.footer) };
}

function asText(blocks: Block[], footer: string): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return block.text;
      case 'facts':
        return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
      case 'quote':
        return `${block.title}:\n${block.text
          .split(/\r?\n/)
          .map((line) => `> ${line}`)
          .join('\n')}`;
      case 'list':
        return `${block.title}:\n${block.items.map((item) => `- ${item}`).join('\n')}`;
      case 'link':
        return `${block.label}: ${block.url}`;
    }
  });
  return `${parts.join('\n\n')}\n\n-- \n${footer}\n`;
}

const escape = (text: string): string => {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
};
/** Line breaks of user text kept, everything else escaped. */
const lines = (text: string) => text.split(/\r?\n/).map(escape).join('<br>');

function asHtml(language: UiLocale, subject: string, blocks: Block[], footer: string): string {
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return `<p>${escape(block.text)}</p>`;
      case 'facts':
        return `<table role="presentation" style="border-collapse:collapse">${block.rows
          .map(([label, value]) => `<tr><th align="left" style="padding:2px 16px 2px 0;font-weight:600">${escape(label)}</th><td style="padding:2px 0">${escape(value)}</td></tr>`)
          .join('')}</table>`;
      case 'quote':
        return `<p style="margin-bottom:4px"><strong>${escape(block.title)}</strong></p><blockquote style="margin:0;padding:4px 12px;border-left:3px solid #c3cad3">${lines(block.text)}</blockquote>`;
      case 'list':
        return `<p style="margin-bottom:4px"><strong>${escape(block.title)}</strong></p><ul style="margin-top:0">${block.items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;
      case 'link':
        return `<p><a href="${escape(block.url)}" style="color:#2457d6">${escape(block.label)}</a></p>`;
    }
  });
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans JP',Meiryo,sans-serif;font-size:15px;line-height:1.6;color:#1f2933">
${body.join('\n')}
<hr style="border:0;border-top:1px solid #e4e7eb"><p style="font-size:12px;color:#52606d">${escape(footer)}</p>
</body></html>
`;
}
