import type { WebhookEnvelopeOf, WebhookFollowup, WebhookResponse } from '../../shared/schemas/webhook.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEventType } from '../../shared/webhook-events.ts';
import { newId } from '../data/ids.ts';
import type { PublicUrl } from '../public-url.ts';
import type { Followup } from '../../shared/schemas/followup.ts';
import type { FollowupChange as WebhookFollowupChange } from '../../shared/schemas/webhook.ts';
import type { FollowupChange } from '../data/followup-changes.ts';
import type { AnswerEvents, FollowupEvents, NewOutboxEvent, StoredAnswer } from '../data/store.ts';

/** What routes that cause events need: where links point, and how to tell the dispatcher. */
export interface EventRouteOptions {
  /** Links in the events (follow-ups in the console). */
  publicUrl: PublicUrl;
  /** Tells this process's dispatcher the events are due. */
  wake: () => void;
  /** Whether mail is configured (KIZUNA_SMTP_URL): only then are the accounts that asked for them mailed. */
  mail?: boolean;
}

/** A new event id: `evt_` and 24 letters or digits. */
export const newEventId = (): string => newId('evt', 24);

/** The console page of a follow-up, for links in webhooks, Slack and mail. */
export const followupConsoleUrl = (publicUrl: string, followupId: string): string => `${publicUrl}/admin/inbox/${encodeURIComponent(followupId)}`;

/** An outbox event with its envelope; `dedupeKey` for the events that must happen once. */
function outboxEvent<T extends WebhookEventType>(
  type: T,
  fields: { projectId: string; at: Date; userId?: string | null; dedupeKey?: string | null; data: WebhookEnvelopeOf<T>['data']; mailTo?: readonly string[] },
): NewOutboxEvent {
  const id = newEventId();
  const envelope = { id, version: WEBHOOK_ENVELOPE_VERSION, type, createdAt: fields.at.toISOString(), projectId: fields.projectId, data: fields.data };
  const mailTo = fields.mailTo?.length ? { mailTo: fields.mailTo } : {};
  return { id, projectId: fields.projectId, type, dedupeKey: fields.dedupeKey ?? null, userId: fields.userId ?? null, envelope, at: fields.at, ...mailTo };
}

/** An answer as events carry it: touchpoints it rated, in the survey's order, with their labels. */
function webhookResponse(answer: StoredAnswer, survey: Pick<Survey, 'name' | 'touchpoints'>, publicUrl: string): WebhookResponse {
  return {
    id: answer.clientId,
    surveyId: answer.surveyId,
    surveyName: survey.name,
    userId: answer.userId,
    score: answer.score,
    category: answer.category,
    touchpoints: survey.touchpoints.filter((tp) => tp.key in answer.factors).map((tp) => ({ key: tp.key, label: tp.label, value: answer.factors[tp.key]! })),
    comment: answer.comment,
    locale: answer.locale,
    url: answer.url,
    attributes: answer.attributes ?? {},
    consoleUrl: answer.followup ? followupConsoleUrl(publicUrl, answer.followup.id) : null,
  };
}

/** Who an answer's events are mailed to. */
export interface AnswerMail {
  /** Console account ids mailed when the answer opens a follow-up ("a new detractor in my projects"). */
  newDetractor?: readonly string[];
}

/**
 * The events of answers to `survey`: `response.created` (and `followup.created` when the answer
 * opened one, mailed to `mail.newDetractor`) on the first store, `response.updated` when touchpoint
 * answers or the comment completed it. Each first-store event is keyed so it can never be written twice.
 * @example await store.responses.record(answer, answerEvents(survey, 'https://kizuna.example.com'));
 */
export function answerEvents(survey: Pick<Survey, 'name' | 'touchpoints'>, publicUrl: string, mail: AnswerMail = {}): AnswerEvents {
  return (answer, change) => {
    const response = webhookResponse(answer, survey, publicUrl);
    const base = { projectId: answer.projectId, userId: answer.userId };
    if (change === 'updated') return [outboxEvent('response.updated', { ...base, at: new Date(), data: { response } })];
    const events = [outboxEvent('response.created', { ...base, at: answer.createdAt, dedupeKey: answer.clientId, data: { response } })];
    if (answer.followup) {
      const followup: WebhookFollowup = {
        id: answer.followup.id,
        status: 'open',
        assignee: null,
        dueAt: answer.followup.dueAt?.toISOString() ?? null,
        score: answer.score,
        userId: answer.userId,
        responseId: answer.clientId,
        consoleUrl: followupConsoleUrl(publicUrl, answer.followup.id),
      };
      events.push(outboxEvent('followup.created', { ...base, at: answer.createdAt, dedupeKey: answer.followup.id, data: { followup, response }, mailTo: mail.newDetractor }));
    }
    return events;
  };
}

/** The test button's event, for one endpoint only. */
export const testEvent = (projectId: string, webhookId: string, at: Date): NewOutboxEvent => outboxEvent('webhook.test', { projectId, at, data: { webhookId } });

/** A follow-up as events carry it. */
export const webhookFollowupOf = (followup: Followup, publicUrl: string): WebhookFollowup => ({
  id: followup.id,
  status: followup.status,
  assignee: followup.assignee,
  dueAt: followup.dueAt,
  score: followup.response.score,
  userId: followup.userId,
  responseId: followup.responseId,
  consoleUrl: followupConsoleUrl(publicUrl, followup.id),
});

const CHANGE_FIELD = { status: 'status', assignee: 'assignee', due: 'dueAt', note: 'note' } as const;

/** A history change as `followup.updated` says it: a note is its text, added (`from` null). */
const webhookChange = (change: FollowupChange): WebhookFollowupChange | null =>
  change.action === 'created' ? null : { field: CHANGE_FIELD[change.action], from: change.from, to: change.action === 'note' ? (change.note ?? null) : change.to };

/** Who a follow-up's update is mailed to. */
export interface FollowupMail {
  /** The account mailed when the update assigns the follow-up to it ("a follow-up is assigned to me"). */
  assignee?: { email: string; accountId: string };
}

/**
 * `followup.updated` for the changes of one update: which fields, from what to what, and who;
 * mailed to `mail.assignee` when it is the new assignee.
 * @example await store.followups.update(id, patch, actor, now, followupEvents('https://kizuna.example.com'));
 */
export function followupEvents(publicUrl: string, mail: FollowupMail = {}): FollowupEvents {
  return (followup, changes, actor, at) => {
    const listed = changes.map(webhookChange).filter((change) => change !== null);
    if (listed.length === 0) return [];
    const assigned = mail.assignee && listed.some((change) => change.field === 'assignee' && change.to === mail.assignee!.email);
    return [
      outboxEvent('followup.updated', {
        projectId: followup.projectId,
        userId: followup.userId,
        at,
        data: { followup: webhookFollowupOf(followup, publicUrl), changes: listed, actor },
        mailTo: assigned ? [mail.assignee!.accountId] : undefined,
      }),
    ];
  };
}

/** `followup.overdue` of a follow-up whose due time has passed, keyed so each due date gives one. */
export const overdueEvent = (followup: Followup, publicUrl: string): NewOutboxEvent =>
  outboxEvent('followup.overdue', {
    projectId: followup.projectId,
    userId: followup.userId,
    at: new Date(followup.dueAt!),
    dedupeKey: `${followup.id}:${followup.dueAt}`,
    data: { followup: webhookFollowupOf(followup, publicUrl) },
  });

