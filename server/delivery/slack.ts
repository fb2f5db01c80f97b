import { localize, type UiLocale } from '../../shared/localize.ts';
import { FOLLOWUP_STATUSES } from '../../shared/schemas/followup.ts';
import type { FollowupChange, WebhookEnvelope, WebhookFollowup, WebhookResponse } from '../../shared/schemas/webhook.ts';
import { negativeTouchpoints as negativesOf, planAndLtv } from './case-facts.ts';
import { escapeMrkdwn, FIELD_TEXT_MAX, fitMrkdwn, quoteMrkdwn, SECTION_TEXT_MAX, slackDate, slackLink } from './slack-mrkdwn.ts';
import { slackTexts, type SlackTexts } from './slack-messages.ts';

/** A mrkdwn text object. `verbatim` stops Slack from turning bare names and URLs in user text into mentions and links. */
interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
interface PlainText {
  type: 'plain_text';
  text: string;
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'section'; fields: MrkdwnText[] }
  | { type: 'actions'; elements: Array<{ type: 'button'; text: PlainText; url: string; style: 'primary' }> };

/** The JSON body POSTed to a Slack incoming webhook. */
export interface SlackMessage {
  /** Shown in notifications and by clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
  /** A link in a user's comment must not pull a preview of its page into the channel. */
  unfurl_links: false;
  unfurl_media: false;
}

export interface SlackMessageOptions {
  /** The project's language: the texts, the categories and the touchpoint labels. */
  language: UiLocale;
}

/** Bound on each name (user id, survey, actor…) inside one line, so a line stays readable and within Slack's limits. */
const NAME_MAX = 200;
/** Bound on the comment's excerpt in the notification text. */
const EXCERPT_MAX = 200;

const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
/** A name from user input, escaped and bounded. */
const name = (text: string) => fitMrkdwn(text, NAME_MAX);
/** The same bound on raw text, for a link's label (escaped later by slackLink). */
const clip = (text: string) => fitMrkdwn(text, NAME_MAX, (g) => g);

/**
 * The Slack incoming-webhook message for an event, in one language. A detractor's answer and a
 * new follow-up get the whole case (score and category, the user with plan and LTV, the comment,
 * the touchpoints that pulled the score down, a button to the follow-up); every other event one
 * line. User text is escaped, so a comment cannot mention `@channel` or hide a link.
 * @example
 * await fetch(slackUrl, { method: 'POST', headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify(slackMessage(envelope, { language: 'ja' })) });
 */
export function slackMessage(envelope: WebhookEnvelope, { language }: SlackMessageOptions): SlackMessage {
  const t = slackTexts[language];
  switch (envelope.type) {
    case 'response.created':
    case 'response.updated': {
      const { response } = envelope.data;
      if (response.category === 'detractor') return caseMessage(t, language, envelope.type, response, response.consoleUrl);
      const heading = t.headings[envelope.type](response.score, t.categories[response.category]);
      return oneLine(t.summary(escapeMrkdwn(heading), name(response.userId), name(response.surveyName)));
    }
    case 'followup.created':
      return caseMessage(t, language, envelope.type, envelope.data.response, envelope.data.followup.consoleUrl);
    case 'followup.updated': {
      const { followup, changes, actor } = envelope.data;
      const said = changes.map((change) => changeText(t, change)).join(t.changeSeparator);
      return oneLine(t.followupUpdated(followupLink(t, followup), name(actor), said));
    }
    case 'followup.overdue': {
      const { followup } = envelope.data;
      return oneLine(t.followupOverdue(followupLink(t, followup), followup.dueAt ? slackDate(followup.dueAt) : t.noDueDate));
    }
    case 'webhook.test':
      return oneLine(escapeMrkdwn(t.test));
  }
}

function oneLine(line: string): SlackMessage {
  return { text: line, blocks: [{ type: 'section', text: mrkdwn(line) }], unfurl_links: false, unfurl_media: false };
}

function caseMessage(
  t: SlackTexts,
  language: UiLocale,
  type: keyof SlackTexts['headings'],
  response: WebhookResponse,
  consoleUrl: string | null,
): SlackMessage {
  const heading = t.headings[type](response.score, t.categories[response.category]);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: heading } },
    { type: 'section', fields: facts(t, language, response) },
  ];
  if (response.comment) {
    const title = `*${escapeMrkdwn(t.comment)}*\n`;
    blocks.push({ type: 'section', text: mrkdwn(title + quoteMrkdwn(response.comment, SECTION_TEXT_MAX - title.length)) });
  }
  const negatives = negativeTouchpoints(t, language, response);
  if (negatives) blocks.push({ type: 'section', text: mrkdwn(negatives) });
  if (consoleUrl) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: t.openFollowup }, url: consoleUrl, style: 'primary' }] });
  }
  const summary = t.summary(escapeMrkdwn(heading), name(response.userId), name(response.surveyName));
  const text = response.comment ? t.withComment(summary, fitMrkdwn(response.comment, EXCERPT_MAX)) : summary;
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}

/** The section fields: who answered, their plan and LTV when known, and the survey. */
function facts(t: SlackTexts, language: UiLocale, response: WebhookResponse): MrkdwnText[] {
  const field = (label: string, value: string) => {
    const title = `*${escapeMrkdwn(label)}*\n`;
    return mrkdwn(title + fitMrkdwn(value, FIELD_TEXT_MAX - title.length));
  };
  const { plan, ltv } = planAndLtv(response, language);
  return [
    field(t.user, response.userId),
    ...(plan === null ? [] : [field(t.plan, plan)]),
    ...(ltv === null ? [] : [field(t.ltv, ltv)]),
    field(t.survey, response.surveyName),
  ];
}

/** The touchpoints rated below zero, most negative first, as a list that fits one section; null when none. */
function negativeTouchpoints(t: SlackTexts, language: UiLocale, response: WebhookResponse): string | null {
  const negatives = negativesOf(response);
  if (negatives.length === 0) return null;
  let text = `*${escapeMrkdwn(t.negativeTouchpoints)}*`;
  for (const [index, tp] of negatives.entries()) {
    const line = `\n${t.touchpoint(name(localize(tp.label, language)), escapeMrkdwn(t.negativeInfluence[-tp.value - 1] ?? ''), tp.value)}`;
    const rest = negatives.length - index - 1;
    // Keep room to say how many did not fit.
    const more = rest > 0 ? `\n${t.moreTouchpoints(rest)}` : '';
    if (text.length + line.length + more.length > SECTION_TEXT_MAX) return `${text}\n${t.moreTouchpoints(negatives.length - index)}`;
    text += line;
  }
  return text;
}

/** "Follow-up for u_1 (score 3)", linked to its console page. */
function followupLink(t: SlackTexts, followup: WebhookFollowup): string {
  return slackLink(followup.consoleUrl, t.followup(clip(followup.userId), followup.score));
}

function changeText(t: SlackTexts, change: FollowupChange): string {
  switch (change.field) {
    case 'status':
      return t.changes.status(statusText(t, change.from), statusText(t, change.to));
    case 'assignee':
      return t.changes.assignee(change.from ? name(change.from) : t.unassigned, change.to ? name(change.to) : t.unassigned);
    case 'dueAt':
      return t.changes.dueAt(change.from ? slackDate(change.from) : t.noDueDate, change.to ? slackDate(change.to) : t.noDueDate);
    case 'note':
      // The note itself stays in the console: it is free text about a person, and a channel is wider than the team.
      return t.changes.note;
  }
}

function statusText(t: SlackTexts, status: string | null): string {
  const known = FOLLOWUP_STATUSES.find((s) => s === status);
  return known ? t.statuses[known] : name(status ?? '');
}
