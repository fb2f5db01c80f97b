import type { BetterAuthOptions } from 'better-auth';
import type { z } from 'zod';
import type { UserAttributes } from '../../shared/schemas/common.ts';
import type { ClientEvent } from '../../shared/schemas/event.ts';
import type { SurveyComment } from '../../shared/schemas/comment.ts';
import type { LtvRow, MatrixUser } from '../../shared/schemas/dashboard.ts';
import type { Followup, FollowupCounts, FollowupPatch, FollowupSort, FollowupStatus, UserResponse } from '../../shared/schemas/followup.ts';
import type { Guide, GuideUpdate, guideInput } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey, SurveyUpdate, surveyInput } from '../../shared/schemas/survey.ts';
import type { ArchivedFilter } from '../../shared/schemas/archive.ts';
import type { CustomerExport, Erasure } from '../../shared/schemas/customer.ts';
import type { Category, Tally } from '../../shared/score.ts';
import type { Account, AccountPatch, RemovedAccount } from '../../shared/schemas/account.ts';
import type { MailKind, MailPreferences } from '../../shared/schemas/mail.ts';
import type { UiLocale } from '../../shared/localize.ts';
import type { FollowupChange } from './followup-changes.ts';
import type { GuideProgress } from './guide-progress.ts';

/**
 * The server's only way to the database. Every method is async so that an implementation over
 * a networked database (PostgreSQL) can stand in for SQLite without touching the routes; the
 * behaviour every implementation must have is pinned by `test/server/store.contract.ts`.
 */
export interface Store {
  settings: SettingsRepository;
  projects: ProjectRepository;
  surveys: SurveyRepository;
  guides: GuideRepository;
  users: UserRepository;
  responses: ResponseRepository;
  events: EventRepository;
  followups: FollowupRepository;
  reports: ReportRepository;
  ltvMatrix: LtvMatrixRepository;
  comments: CommentRepository;
  exports: ExportRepository;
  authoring: AuthoringRepository;
  /** Events for webhooks and mail, and their deliveries, claimed with a lease (server/delivery/). */
  outbox: OutboxRepository;
  /** Webhook endpoints (signed or Slack) and their delivery log. */
  webhooks: WebhookRepository;
  /** Privacy requests about one end-user: export and erasure (server/data/sqlite/customers.ts). */
  customers: CustomerRepository;
  /** Deleting old raw events and answers' free text, per project setting. */
  retention: RetentionRepository;
  /** Leases on the server's periodic jobs (server/scheduler/). */
  jobs: JobRepository;
  /** Changing, disabling and removing console accounts, with the last-owner rule (server/data/sqlite/console-accounts.ts). */
  consoleAccounts: ConsoleAccountRepository;
  /** What each console account wants mailed, who gets a kind of mail, and in which language (server/mail/). */
  mailPreferences: MailPreferenceRepository;
  /** Failed console sign-ins per account and client address (server/auth/sign-in-limiter.ts owns the rules). */
  loginFailures: LoginFailureRepository;
  /** Console accounts and sessions, as a better-auth database adapter (server/auth/ owns their rules). */
  authDatabase: NonNullable<BetterAuthOptions['database']>;
  /** The database itself, for operators: readiness and size (server/data/sqlite/meta.ts). */
  meta: MetaRepository;
  /** Releases the connection; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** What `/readyz` and `/metrics` ask of the database. */
export interface MetaRepository {
  /** Which database the store runs on (`'sqlite'`, …), as `/readyz` reports it. */
  readonly engine: string;
  /** Resolves when the database answers a trivial query on its schema; rejects otherwise (closed, unreachable, no schema). */
  ping(): Promise<void>;
  /** Bytes the database takes on disk now (for SQLite, the file and its write-ahead log). */
  sizeBytes(): Promise<number>;
}

export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  /** Stores `create()` under `key` unless a value is there already; returns the value that won. */
  getOrCreate(key: string, create: () => string): Promise<string>;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): Promise<void>;
}

export interface NewProject {
  name: string;
  allowedOrigins: string[];
  /** Public key; a random `pk_…` when omitted (the demo project uses `pk_demo`). */
  key?: string;
  /** @default 1 */
  maxStartsPerPageView?: number;
}

export interface ProjectRepository {
  create(input: NewProject): Promise<Project>;
  /** Projects, oldest first; archived ones too unless `archived` says otherwise. */
  list(options?: { archived?: ArchivedFilter }): Promise<Project[]>;
  get(id: string): Promise<Project | null>;
  getByKey(key: string): Promise<Project | null>;
  /** Null when there is no such project. */
  update(id: string, patch: Partial<Pick<Project, 'name' | 'allowedOrigins' | 'maxStartsPerPageView' | 'ltvBoundary' | 'retentionDays' | 'language' | 'timeZone'>> & ArchivePatch): Promise<Project | null>;
  /**
   * Deletes the project with everything in it (surveys, guides, answers, follow-ups and their
   * history, events, guide progress, end-users, authoring sessions, erasure log) in one
   * transaction; refused while it holds answers or guide users unless `force`.
   */
  delete(id: string, options: DeleteOptions): Promise<DeleteResult>;
  /**
   * Records that the widget asked from `url` at `at` (the install check), unless what is stored is
   * less than `SEEN_INTERVAL_MS` older: page views then cost no write.
   */
  recordSeen(id: string, url: string, at: Date): Promise<void>;
}

/** How often at most `lastSeen` of a project is written. */
export const SEEN_INTERVAL_MS = 60_000;

/** A survey as created: every field present (schema defaults applied). */
export type NewSurvey = z.output<typeof surveyInput>;

/** Which of a project's surveys or guides a list gives. */
export interface ListOptions {
  /** Only those the widget may be offered: active and not archived. */
  activeOnly?: boolean;
  /** @default 'include' */
  archived?: ArchivedFilter;
}

/** `archived: true` archives (keeping the first archiving time), `false` unarchives. */
export interface ArchivePatch {
  archived?: boolean;
}

export interface DeleteOptions {
  /** Delete the answers (and all else that depends on the item) with it, instead of refusing. */
  force: boolean;
}

/**
 * What a delete did: `deleted`; `has_answers` when answers depend on the item and `force` was
 * not given (nothing is deleted; `answers` says how many); null when there is no such item.
 */
export type DeleteResult = { outcome: 'deleted' } | { outcome: 'has_answers'; answers: number } | null;

export interface SurveyRepository {
  create(projectId: string, input: NewSurvey): Promise<Survey>;
  /** A project's surveys, oldest first. */
  listByProject(projectId: string, options?: ListOptions): Promise<Survey[]>;
  get(id: string): Promise<Survey | null>;
  /** Which of `ids` are surveys of the project. */
  existingIds(projectId: string, ids: readonly string[]): Promise<Set<string>>;
  /** Null when there is no such survey. */
  update(id: string, patch: SurveyUpdate): Promise<Survey | null>;
  /**
   * Deletes the survey with its `survey_*` events, in one transaction; its answers (their
   * touchpoint answers, follow-ups and follow-up history) too when `force`, else it is refused
   * while it has any.
   */
  delete(id: string, options: DeleteOptions): Promise<DeleteResult>;
}

/** A guide as created: every field present (schema defaults applied). */
export type NewGuide = z.output<typeof guideInput>;

export interface GuideRepository {
  create(projectId: string, input: NewGuide): Promise<Guide>;
  /** A project's guides, oldest first. */
  listByProject(projectId: string, options?: ListOptions): Promise<Guide[]>;
  get(id: string): Promise<Guide | null>;
  /** Guide id → number of steps, for those of `ids` that are guides of the project. */
  stepCounts(projectId: string, ids: readonly string[]): Promise<Map<string, number>>;
  /**
   * Null when there is no such guide. Every update moves `updatedAt` strictly forward (by 1 ms
   * past the stored value when the clock has not moved), so each version has its own.
   */
  update(id: string, patch: GuideUpdate): Promise<Guide | null>;
  /**
   * Updates only while the stored `updatedAt` is still `expectedUpdatedAt` (optimistic
   * concurrency, decided by the database in one statement): `'conflict'` when another update came
   * first, null when there is no such guide.
   */
  updateIfUnchanged(id: string, expectedUpdatedAt: string, patch: GuideUpdate): Promise<Guide | 'conflict' | null>;
  /** Guide id → where the user is in it, for every guide of the project the user has started. */
  progressOf(projectId: string, userId: string): Promise<Map<string, GuideProgress>>;
  /**
   * Deletes the guide with its authoring sessions, in one transaction; its users' events and
   * progress (its "answers", counted as distinct users) too when `force`, else it is refused
   * while there are any.
   */
  delete(id: string, options: DeleteOptions): Promise<DeleteResult>;
}

export interface UserRepository {
  /**
   * Records that the user was seen at `at` with these `identify` attributes (replacing the
   * stored ones; null keeps them) and returns the attributes now stored.
   */
  identify(projectId: string, userId: string, attributes: UserAttributes | null, at: Date): Promise<UserAttributes>;
  /** The stored attributes; null for a user never identified. */
  attributes(projectId: string, userId: string): Promise<UserAttributes | null>;
}

export interface NewResponse {
  projectId: string;
  surveyId: string;
  /** The widget's id for the answer: the idempotency key within the project. */
  clientId: string;
  userId: string;
  score: number;
  category: Category;
  factors: Record<string, number>;
  comment: string | null;
  locale: string | null;
  url: string | null;
  attributes: UserAttributes | null;
  /** Open a follow-up with the response (only when it is first stored). */
  openFollowup: boolean;
  at: Date;
}

/**
 * - `created`: first time this id was seen.
 * - `completed`: the id was known; fields not stored yet were added, stored ones kept.
 * - `conflict`: the id is taken by an answer of another survey or user; nothing changed.
 */
export type RecordResponseResult =
  | { outcome: 'created' | 'completed'; category: Category }
  | { outcome: 'conflict' };

/** An answer as stored once `record` is done, for the events it causes. */
export interface StoredAnswer extends Omit<NewResponse, 'openFollowup' | 'at'> {
  createdAt: Date;
  /** The follow-up it opened, if any. */
  followup: { id: string; dueAt: Date | null } | null;
}

/**
 * The events an answer causes (server/delivery/events.ts builds them): `created` when it is first
 * stored, `updated` when a re-send added touchpoint answers or a comment. A re-send that adds
 * nothing causes none.
 */
export type AnswerEvents = (answer: StoredAnswer, change: 'created' | 'updated') => NewOutboxEvent[];

export interface ResponseRepository {
  /**
   * Stores or completes an answer, its factors, (if asked) its follow-up and the events `events`
   * makes of it, in one transaction.
   */
  record(response: NewResponse, events?: AnswerEvents): Promise<RecordResponseResult>;
  /** Survey id → when the user last answered it (ms since epoch). */
  lastAnsweredAt(projectId: string, userId: string): Promise<Map<string, number>>;
  /** The user's answers in the project but `exceptId` (a client id), newest first, at most `limit`. */
  ofUser(projectId: string, userId: string, options: { exceptId?: string; limit: number }): Promise<UserResponse[]>;
}

// Distributes over the union, so each event type keeps its own fields.
type StoredEvent<E> = E extends ClientEvent ? Omit<E, 'id' | 'at'> & { clientId: string; at: Date } : never;

/** A widget event as stored: its client-made id as `clientId`, and the time it counts as happened. */
export type NewEvent = StoredEvent<ClientEvent>;

export interface EventRepository {
  /**
   * Stores the batch in one transaction, skipping ids already stored, and moves guide progress
   * (see `nextProgress`) for each new guide event; returns how many were new.
   */
  record(projectId: string, events: readonly NewEvent[]): Promise<number>;
  /** Survey id → when the user last dismissed it (ms since epoch). */
  lastDismissedAt(projectId: string, userId: string): Promise<Map<string, number>>;
}

/**
 * Position after the last item of a page, in the page's sort: `newest`/`oldest` order by
 * (createdAt, id), `due` by (dueAt, createdAt, id) with no due date last, `score` by
 * (score, createdAt, id).
 */
export type FollowupCursor =
  | { sort: 'newest' | 'oldest'; createdAt: number; id: string }
  | { sort: 'due'; dueAt: number | null; createdAt: number; id: string }
  | { sort: 'score'; score: number; createdAt: number; id: string };

/** Filters of the inbox besides the status tab; `assignee: null` is "unassigned". */
export interface FollowupFilter {
  assignee?: string | null;
  minScore?: number;
  maxScore?: number;
  /** The answer's time, `[from, to)`. */
  from?: Date;
  to?: Date;
  /** Only those not resolved and past their due date now. */
  overdue?: boolean;
}

export interface FollowupQuery extends FollowupFilter {
  status?: FollowupStatus;
  /** @default 'newest' */
  sort?: FollowupSort;
  limit: number;
  /** Must be of the same sort. */
  after?: FollowupCursor;
}

/** The events of a follow-up's real changes (server/delivery/events.ts builds them); none when nothing changed. */
export type FollowupEvents = (followup: Followup, changes: readonly FollowupChange[], actor: string, at: Date) => NewOutboxEvent[];

export interface FollowupRepository {
  list(projectId: string, query: FollowupQuery): Promise<{ items: Followup[]; next: FollowupCursor | null }>;
  /** How many follow-ups of the project each status has under `filter`. */
  counts(projectId: string, filter: FollowupFilter): Promise<FollowupCounts>;
  get(id: string): Promise<Followup | null>;
  /** The project's follow-ups not resolved whose due time is in `(after, until]`, soonest first: those that just became overdue. */
  dueBetween(projectId: string, after: Date, until: Date): Promise<Followup[]>;
  /**
   * Applies the patch and records one history entry per real change, and the events `events` makes
   * of them, in one transaction. Null when there is no such follow-up.
   */
  update(id: string, patch: FollowupPatch, actor: string, at: Date, events?: FollowupEvents): Promise<Followup | null>;
}

/** Half-open time window `[from, to)`; an open end is unbounded. */
export interface ReportRange {
  from?: Date;
  to?: Date;
}

export type ReportInterval = 'day' | 'week' | 'month';

export interface FactorAggregate {
  key: string;
  mean: number;
  count: number;
  meanByCategory: Record<Category, number | null>;
}

/** Counts and means computed by the database; `shared/score.ts` turns them into NPS. */
export interface SurveyAggregates {
  tally: Tally;
  /** One per current touchpoint of the survey that has answers in the range, in no particular order (reports show current touchpoints only). */
  factors: FactorAggregate[];
  /** Periods with answers, ascending; `period` is the UTC start date 'YYYY-MM-DD' (weeks start Monday). */
  trend: Array<{ period: string } & Tally>;
}

/** Distinct users per guide event, counted by the database. */
export interface GuideAggregates {
  shown: number;
  completed: number;
  dismissed: number;
  /** Steps with events, ascending by index. */
  steps: Array<{ index: number; shown: number; completed: number }>;
}

export interface ReportRepository {
  surveyAggregates(surveyId: string, range: ReportRange, interval: ReportInterval): Promise<SurveyAggregates>;
  /** Answers per score: index 0…10. */
  scoreDistribution(surveyId: string, range: ReportRange): Promise<number[]>;
  /** Distinct users shown the survey (`survey_shown` events) in the range. */
  shownUsers(surveyId: string, range: ReportRange): Promise<number>;
  guideAggregates(guideId: string): Promise<GuideAggregates>;
}

/**
 * Where high LTV starts: a fixed number (the project's setting), or null for the median LTV of
 * the users the matrix counts.
 */
export type LtvBoundarySetting = number | null;

/**
 * Users counted by LTV row and category of their latest answer in the range; the cells and
 * `unknownLtv` add up to the distinct users who answered in the range.
 */
export interface LtvMatrixCounts {
  /** The boundary used: the setting, else the median; null when neither exists. */
  boundary: number | null;
  cells: Record<LtvRow, Record<Category, number>>;
  unknownLtv: number;
}

/** Position after the last user of a page: users are ordered by LTV, highest first, then by user id. */
export interface MatrixUserCursor {
  ltv: number;
  userId: string;
}

/**
 * The LTV × category matrix of a survey. Each user counts once, by their latest answer in the
 * range; their LTV is the numeric `ltv` of their stored `identify` attributes, else of the
 * attributes stored with that answer.
 */
export interface LtvMatrixRepository {
  counts(surveyId: string, range: ReportRange, boundary: LtvBoundarySetting): Promise<LtvMatrixCounts>;
  /** The users of one cell; none when there is no boundary. */
  users(
    surveyId: string,
    range: ReportRange,
    boundary: LtvBoundarySetting,
    cell: { row: LtvRow; column: Category },
    page: { limit: number; after?: MatrixUserCursor },
  ): Promise<{ items: MatrixUser[]; next: MatrixUserCursor | null }>;
}

/** Position after the last comment of a page: newest first by (createdAt, row id). */
export interface CommentCursor {
  createdAt: number;
  rowId: number;
}

export interface CommentQuery {
  range: ReportRange;
  category?: Category;
  /** Answers that rated this touchpoint; with `impact`, only below (negative) or above (positive) zero. */
  touchpoint?: { key: string; impact?: 'negative' | 'positive' };
  /** A substring of the comment, case-insensitive for A–Z; `%` and `_` are literal. */
  text?: string;
  limit: number;
  after?: CommentCursor;
}

export interface CommentRepository {
  /** A survey's answers with a non-empty comment, newest first. */
  list(surveyId: string, query: CommentQuery): Promise<{ items: SurveyComment[]; next: CommentCursor | null }>;
}

/** One answer as exported; `createdAt` in ms since epoch. */
export interface ResponseExportRow {
  clientId: string;
  createdAt: number;
  surveyId: string;
  userId: string;
  score: number;
  category: Category;
  comment: string | null;
  locale: string | null;
  url: string | null;
  factors: Record<string, number>;
  attributes: UserAttributes | null;
}

/** One follow-up as exported; times in ms since epoch. */
export interface FollowupExportRow {
  id: string;
  createdAt: number;
  status: FollowupStatus;
  assignee: string | null;
  dueAt: number | null;
  overdue: boolean;
  userId: string;
  score: number;
  comment: string | null;
  /** The latest note of its history. */
  lastNote: string | null;
}

/**
 * Whole-project exports in batches of rows, read a batch at a time with the event loop free in
 * between: a 100k-row download neither holds the database nor sits in memory.
 */
export interface ExportRepository {
  /** Answers in the range, survey by survey (the project's order), oldest first within each. */
  responses(projectId: string, range: ReportRange): AsyncIterable<ResponseExportRow[]>;
  /** Follow-ups whose answer is in the range, oldest first. */
  followups(projectId: string, range: ReportRange): AsyncIterable<FollowupExportRow[]>;
}

/** A one-time authoring link as made in the console ("Edit in app"). */
export interface NewAuthoringLink {
  projectId: string;
  guideId: string;
  /** The host page origin the link is for. */
  origin: string;
  /** SHA-256 (hex) of the link's token; the token itself is never stored. */
  linkHash: string;
  expiresAt: Date;
  /** The acting console user. */
  createdBy: string;
}

/** What an authoring link or session opens: one guide of one project, from one origin. */
export interface AuthoringScope {
  projectId: string;
  guideId: string;
  origin: string;
}

/**
 * Authoring links and the sessions they are traded for. Tokens are known by their SHA-256 hashes
 * only; a link and its session share one record.
 */
export interface AuthoringRepository {
  /** Stores a new link, and forgets links that expired unused and sessions that have ended. */
  createLink(link: NewAuthoringLink): Promise<void>;
  /**
   * Trades a link not yet used and unexpired at `now` for the session `sessionHash`, valid until
   * `sessionExpiresAt`. Atomic: of any number of concurrent trades of one link, exactly one gets
   * the scope; the others (and unknown or expired links) get null.
   */
  exchange(linkHash: string, sessionHash: string, now: Date, sessionExpiresAt: Date): Promise<AuthoringScope | null>;
  /** The session's scope and end; null when unknown or expired at `now`. */
  session(sessionHash: string, now: Date): Promise<(AuthoringScope & { expiresAt: Date }) | null>;
}

/**
 * Privacy requests (APPI / GDPR) about one end-user (`userId`) of a project.
 */
export interface CustomerRepository {
  /** Everything stored about the user; null when nothing is. */
  export(projectId: string, userId: string, at: Date): Promise<CustomerExport | null>;
  /**
   * In one transaction: deletes the user's attributes, events and guide progress; keeps each of
   * their answers as an anonymous score row (survey, score, category, time, touchpoint answers,
   * client id) under a new random user id of its own, with comment, url, locale and attributes
   * cleared; removes the notes of those answers' follow-ups (status, assignee and times stay for
   * the counts); and logs the erasure (who, when, how much). Null, and nothing logged, when
   * nothing was stored about the user.
   */
  erase(projectId: string, userId: string, actor: string, at: Date): Promise<Erasure | null>;
  /** The project's erasure log, newest first. */
  erasures(projectId: string): Promise<Erasure[]>;
}

/** What one retention run removed from one project. */
export interface RetentionResult {
  projectId: string;
  /** Raw events deleted. */
  events: number;
  /** Answers whose comment was cleared. */
  comments: number;
}

export interface RetentionRepository {
  /**
   * For every project with `retentionDays` set: deletes its events, and clears the comment of its
   * answers, older than that many days before `now`, in batches of `batchSize` rows each committed
   * on its own (ingestion goes on in between); then records `now` and the counts as the project's
   * last run. Projects without retention are not touched.
   */
  run(now: Date, options?: { batchSize?: number }): Promise<RetentionResult[]>;
}

export interface JobRepository {
  /**
   * Atomically claims the job `name` for `owner` until `now + leaseMs`, when its lease is free
   * or expired and its last run is at least `intervalMs` before `now` (or never was). Of any
   * number of concurrent claimers (in any process on the same database), at most one gets true.
   */
  claim(name: string, owner: string, now: Date, leaseMs: number, intervalMs: number): Promise<boolean>;
  /**
   * Releases `owner`'s lease; with `ranAt`, records it as the job's last run (a failed run passes
   * none, so the job is due again at the next claim). Does nothing when `owner` no longer holds it.
   */
  release(name: string, owner: string, ranAt: Date | null): Promise<void>;
}

/** The failed sign-ins stored under one key (`account:<e-mail>`, `ip:<address>`). */
export interface LoginFailure {
  failures: number;
  firstFailureAt: Date;
  /** Null until the key has reached its limit. */
  blockedUntil: Date | null;
}

/**
 * Failed console sign-ins, shared by every server process on the database. The store keeps the
 * records; when they block and for how long is decided by the caller's `next`.
 */
export interface LoginFailureRepository {
  /** The records of those of `keys` that have one. */
  get(keys: readonly string[]): Promise<Map<string, LoginFailure>>;
  /**
   * Stores `next(current)` under `key` and returns it, reading and writing in one transaction
   * that holds the write lock, so concurrent attempts (in any process) each count exactly once.
   */
  update(key: string, next: (current: LoginFailure | null) => LoginFailure): Promise<LoginFailure>;
  /** Forgets `key` (a successful sign-in clears its account's failures). */
  clear(key: string): Promise<void>;
  /** Deletes the records whose first failure and block end are both at or before `before` (housekeeping). */
  deleteIdleSince(before: Date): Promise<void>;
}

/** Why a change to a console account was refused: it would leave no enabled owner. */
export const LAST_OWNER = 'last_owner';

/**
 * Console accounts beyond what better-auth does (it creates them and their sessions through
 * `authDatabase`). Every change that could take away an owner checks, in the same transaction,
 * that an enabled owner remains, so two owners demoting each other at once cannot leave none.
 */
export interface ConsoleAccountRepository {
  /** Every account, oldest first. */
  list(): Promise<Account[]>;
  /** Removed accounts, most recently removed first. */
  listRemoved(): Promise<RemovedAccount[]>;
  /** Whether `email` is the e-mail of an account that exists and is enabled (who may be assigned follow-ups). */
  isEnabled(email: string): Promise<boolean>;
  /**
   * Sets the role and/or disabled flag; disabling also deletes every session of the account.
   * Null when there is no such account; `LAST_OWNER` (nothing changed) when no enabled owner
   * would remain.
   */
  update(id: string, patch: AccountPatch, at: Date): Promise<Account | typeof LAST_OWNER | null>;
  /**
   * Deletes the account with its sessions and credentials, and records who it was (removed by
   * `actor` at `at`). Null when there is no such account; `LAST_OWNER` (nothing changed) when it
   * is the last enabled owner.
   */
  remove(id: string, actor: string, at: Date): Promise<RemovedAccount | typeof LAST_OWNER | null>;
}

/** Where a mail to a console account goes, and in which language. */
export interface MailRecipient {
  email: string;
  name: string;
  /** The console language the account last picked; null before it picked one. */
  language: UiLocale | null;
  /** A disabled account is mailed nothing. */
  disabled: boolean;
}

/** The e-mail side of console accounts: their choices, and who to mail (server/mail/ owns the rules). */
export interface MailPreferenceRepository {
  /** The account's choices; all off for an account that never chose (or does not exist). */
  get(accountId: string): Promise<MailPreferences>;
  /** Replaces the account's choices; false when there is no such account. */
  set(accountId: string, preferences: MailPreferences, at: Date): Promise<boolean>;
  /** Records the console language the account picked; false when there is no such account. */
  setLanguage(accountId: string, language: UiLocale, at: Date): Promise<boolean>;
  /** Ids of the enabled accounts with `kind` on, oldest account first; only those with one of `emails` when given. */
  recipients(kind: MailKind, emails?: readonly string[]): Promise<string[]>;
  /** Where to mail the account; null when it was removed. */
  recipient(accountId: string): Promise<MailRecipient | null>;
}

/** An event for the outbox: its whole envelope, as receivers get it. */
export interface NewOutboxEvent {
  /** `evt_…`: the `webhook-id` receivers dedupe on. */
  id: string;
  projectId: string;
  type: string;
  /** An event that must happen once carries a key: a second event of its type with the same key is not written. */
  dedupeKey?: string | null;
  /** The end-user it is about (erasure finds it by this). */
  userId?: string | null;
  envelope: Record<string, unknown>;
  at: Date;
  /** Console account ids to mail it to (their preferences decided by whoever made the event). */
  mailTo?: readonly string[];
}

/** Who gets an event besides the endpoints subscribed to it. */
export interface EventTargets {
  /** Only these endpoints (the test button), instead of those subscribed to the event's type. */
  endpoints?: readonly string[];
  /** Console account ids to mail, besides the event's own `mailTo`. */
  mail?: readonly string[];
}

/** A delivery a dispatcher holds the lease of, with what it must send. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  projectId: string;
  channel: 'webhook' | 'email';
  /** The endpoint id of a webhook, the console account id of a mail. */
  target: string;
  /** Attempts made before this one. */
  attemptCount: number;
  envelope: Record<string, unknown>;
}

/** What one attempt got: an HTTP status, or the network error. */
export interface DeliveryAttempt {
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The first 1 KB of the answer. */
  response: string | null;
}

/** Where a delivery goes after an attempt. */
export type DeliveryOutcome = { status: 'delivered' } | { status: 'failed' } | { status: 'pending'; nextAttemptAt: Date };

/**
 * The transactional outbox. Events are written with the change that causes them (the response and
 * follow-up repositories write theirs in their own transactions); any number of server processes
 * share the deliveries by leases.
 */
export interface OutboxRepository {
  /**
   * Writes `event` and a pending delivery, due at once, for every active endpoint of its project
   * subscribed to its type (or only for `to.endpoints` when given) and for each console account in
   * `to.mail`; answers the deliveries' ids. Null, writing nothing, when an event of that type and
   * project with the same dedupe key exists.
   */
  emit(event: NewOutboxEvent, to?: EventTargets): Promise<string[] | null>;
  /**
   * Leases up to `limit` pending deliveries due at `now` whose lease is free or expired to `owner`
   * until `now + leaseMs`, oldest due first. Of concurrent claimers, each delivery goes to one.
   */
  claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  /**
   * Records an attempt and where the delivery goes next, if `owner` still holds its lease (false
   * otherwise, recording nothing: another process has taken it over).
   */
  finish(id: string, owner: string, attempt: DeliveryAttempt, outcome: DeliveryOutcome): Promise<boolean>;
}

export type WebhookFormat = 'standard' | 'slack';

/** A webhook endpoint as the admin API shows it: never its secret. */
export interface WebhookEndpointRecord {
  id: string;
  projectId: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  description: string | null;
  active: boolean;
  /** Why the server turned it off: the receiver answered 410, or it kept failing for days. */
  deactivatedReason: 'gone' | 'failing' | null;
  createdAt: string;
  /** Its latest attempt: when, and the HTTP status or the network error. */
  lastAttempt: { at: string; status: number | null; error: string | null } | null;
}

export interface NewWebhookEndpoint {
  url: string;
  events: string[];
  format: WebhookFormat;
  description: string | null;
  active: boolean;
  secret: string;
}

/** One delivery in an endpoint's log, with every attempt, oldest attempt first. */
export interface DeliveryLogItem {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: string;
  /** When the next attempt is due; null unless pending. */
  nextAttemptAt: string | null;
  attempts: Array<{ at: string; status: number | null; error: string | null; durationMs: number; response: string | null }>;
}

/** Position after the last delivery of a page: newest first by (createdAt, id). */
export interface DeliveryCursor {
  createdAt: number;
  id: string;
}

export interface WebhookRepository {
  create(projectId: string, input: NewWebhookEndpoint, at: Date): Promise<WebhookEndpointRecord>;
  /** A project's endpoints, oldest first. */
  list(projectId: string): Promise<WebhookEndpointRecord[]>;
  get(id: string): Promise<WebhookEndpointRecord | null>;
  /** Null when there is no such endpoint. Setting `active: true` clears why it was turned off. */
  update(id: string, patch: Partial<Omit<NewWebhookEndpoint, 'secret'>>, at: Date): Promise<WebhookEndpointRecord | null>;
  /** Deletes it with its deliveries; false when there is no such endpoint. */
  remove(id: string): Promise<boolean>;
  /** The current signing secret (for the create, rotate and reveal answers only). */
  secret(id: string): Promise<string | null>;
  /** What a dispatcher needs to send to it at `now`: the secrets in force, the current one first. */
  signing(id: string, now: Date): Promise<{ url: string; format: WebhookFormat; active: boolean; secrets: string[] } | null>;
  /** Replaces the secret; the old one keeps signing beside it until `previousUntil`. */
  rotateSecret(id: string, secret: string, previousUntil: Date, at: Date): Promise<boolean>;
  /**
   * Records an attempt's effect on the endpoint: `ok` ends a run of failures; `gone` (410) turns it
   * off; `failing` starts or continues a run, and turns it off once the run is `failingLimitMs` long.
   */
  recordHealth(id: string, result: 'ok' | 'gone' | 'failing', attempt: DeliveryAttempt, failingLimitMs: number): Promise<void>;
  /** The delivery log, newest first. */
  deliveries(endpointId: string, query: { status?: DeliveryLogItem['status']; limit: number; after?: DeliveryCursor }): Promise<{ items: DeliveryLogItem[]; next: DeliveryCursor | null }>;
  delivery(id: string): Promise<{ id: string; projectId: string; channel: 'webhook' | 'email'; target: string; status: DeliveryLogItem['status'] } | null>;
  /** Makes a failed delivery due again at `now`; false when it is not failed (or unknown). */
  retry(id: string, now: Date): Promise<boolean>;
}

