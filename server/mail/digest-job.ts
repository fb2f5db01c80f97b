import type { Project } from '../../shared/schemas/project.ts';
import type { Store } from '../data/store.ts';
import { followupConsoleUrl, newEventId } from '../delivery/events.ts';
import type { Job } from '../scheduler/runner.ts';

/** The internal event type of the daily digest: mailed only, never sent to webhook endpoints (none can subscribe to it). */
export const DIGEST_EVENT = 'digest.daily';
/** Looked for every 5 minutes: a digest goes out within 5 minutes of 9:00 in its project's time zone. */
export const DIGEST_INTERVAL_MS = 5 * 60_000;
/** The local hour from which a project's digest of the day is due. */
export const DIGEST_HOUR = 9;
/** How many of the longest-overdue follow-ups a digest lists. */
const OLDEST_LISTED = 5;
/** Settings key per project: the local date whose digest was written (so later runs that day skip the counting). */
const sentSetting = (projectId: string) => `mail_digest_sent:${projectId}`;

/** What `digest.daily` carries: counts as of its writing, and links. */
export interface DigestData {
  projectName: string;
  /** The project's local date, `YYYY-MM-DD`. */
  date: string;
  /** Not resolved (open or in progress). */
  open: number;
  /** Not resolved and past their due date. */
  overdue: number;
  /** Per enabled console account with any, then the unassigned ones (`assignee` null). */
  byAssignee: Array<{ assignee: string | null; open: number; overdue: number }>;
  oldestOverdue: Array<{ id: string; userId: string; score: number; dueAt: string; assignee: string | null; consoleUrl: string }>;
  inboxUrl: string;
}

/** The local date and hour of `at` in `timeZone`. */
export function localDateAndHour(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const unresolved = (counts: { open: number; in_progress: number }) => counts.open + counts.in_progress;

/** The project's open and overdue follow-ups, per assignee, and the longest overdue. */
async function digestOf(store: Store, project: Project, date: string, publicUrl: string): Promise<DigestData> {
  const countsOf = async (assignee?: string | null) => {
    const base = assignee === undefined ? {} : { assignee };
    const [all, overdue] = await Promise.all([store.followups.counts(project.id, base), store.followups.counts(project.id, { ...base, overdue: true })]);
    return { open: unresolved(all), overdue: unresolved(overdue) };
  };
  const accounts = (await store.consoleAccounts.list()).filter((account) => !account.disabled);
  const rows = await Promise.all([...accounts.map((account) => account.email), null].map(async (assignee) => ({ assignee, ...(await countsOf(assignee)) })));
  const { items } = await store.followups.list(project.id, { overdue: true, sort: 'due', limit: OLDEST_LISTED });
  return {
    projectName: project.name,
    date,
    ...(await countsOf()),
    byAssignee: rows.filter((row) => row.open > 0),
    oldestOverdue: items.map((f) => ({ id: f.id, userId: f.userId, score: f.response.score, dueAt: f.dueAt!, assignee: f.assignee, consoleUrl: followupConsoleUrl(publicUrl, f.id) })),
    inboxUrl: `${publicUrl}/admin/inbox`,
  };
}

/**
 * The daily digest: per project, once its local time (project `timeZone`) has passed 9:00 on a
 * day not yet done, one `digest.daily` event mailed to the enabled accounts that want it, keyed by
 * the local date so a second run or a second server writes it once. A project with nothing open
 * gets no mail that day. Register it only when mail is configured.
 */
export function digestJob(store: Store, { publicUrl, wake }: { publicUrl: string; wake: () => void }): Job {
  return {
    name: 'mail-daily-digest',
    intervalMs: DIGEST_INTERVAL_MS,
    async run(now) {
      const mailTo = await store.mailPreferences.recipients('dailyDigest');
      if (mailTo.length === 0) return 0;
      let emitted = 0;
      // An archived project's team is not waiting for its mail.
      for (const project of await store.projects.list({ archived: 'exclude' })) {
        const { date, hour } = localDateAndHour(now, project.timeZone);
        if (hour < DIGEST_HOUR || (await store.settings.get(sentSetting(project.id))) === date) continue;
        const data = await digestOf(store, project, date, publicUrl);
        if (data.open > 0) {
          const id = newEventId();
          const envelope = { id, type: DIGEST_EVENT, createdAt: now.toISOString(), projectId: project.id, data };
          if ((await store.outbox.emit({ id, projectId: project.id, type: DIGEST_EVENT, dedupeKey: date, envelope, at: now, mailTo })) !== null) emitted++;
        }
        await store.settings.set(sentSetting(project.id), date);
      }
      if (emitted > 0) wake();
      return emitted;
    },
  };
}
