import type { Store } from '../data/store.ts';
import type { AnswerMail, FollowupMail } from '../delivery/events.ts';

/**
 * Who is mailed about an update that sets `assignee`: that account when it wants to hear of
 * follow-ups assigned to it, unless it assigned itself (it knows).
 */
export async function assigneeMail(store: Store, assignee: string | null | undefined, actor: string | null): Promise<FollowupMail> {
  if (typeof assignee !== 'string' || assignee === actor) return {};
  const [accountId] = await store.mailPreferences.recipients('assigned', [assignee]);
  return accountId ? { assignee: { email: assignee, accountId } } : {};
}

/** Who is mailed about an answer: when it opens a follow-up, the accounts that want to hear of every new detractor. */
export async function answerMail(store: Store, opensFollowup: boolean): Promise<AnswerMail> {
  return opensFollowup ? { newDetractor: await store.mailPreferences.recipients('newDetractor') } : {};
}
