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
import type { Category, Tally } from '../../shared/score.ts';
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
  /** Console accounts and sessions, as a better-auth database adapter (server/auth/ owns their rules). */
  authDatabase: NonNullable<BetterAuthOptions['database']>;
  /** Releases the connection; the store is unusable afterwards. */
  close(): Promise<void>;
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
  /** All projects, oldest first. */
  list(): Promise<Project[]>;
  get(id: string): Promise<Project | null>;
  getByKey(key: string): Promise<Project | null>;
  /** Null when there is no such project. */
  update(id: string, patch: Partial<Pick<Project, 'name' | 'allowedOrigins' | 'maxStartsPerPageView' | 'ltvBoundary'>>): Promise<Project | null>;
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

export interface SurveyRepository {
  create(projectId: string, input: NewSurvey): Promise<Survey>;
  /** A project's surveys, oldest first. */
  listByProject(projectId: string, options?: { activeOnly?: boolean }): Promise<Survey[]>;
  get(id: string): Promise<Survey | null>;
  /** Which of `ids` are surveys of the project. */
  existingIds(projectId: string, ids: readonly string[]): Promise<Set<string>>;
  /** Null when there is no such survey. */
  update(id: string, patch: SurveyUpdate): Promise<Survey | null>;
}

/** A guide as created: every field present (schema defaults applied). */
export type NewGuide = z.output<typeof guideInput>;

export interface GuideRepository {
  create(projectId: string, input: NewGuide): Promise<Guide>;
  /** A project's guides, oldest first. */
  listByProject(projectId: string, options?: { activeOnly?: boolean }): Promise<Guide[]>;
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

export interface ResponseRepository {
  /** Stores or completes an answer, its factors and (if asked) its follow-up, in one transaction. */
  record(response: NewResponse): Promise<RecordResponseResult>;
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

export interface FollowupRepository {
  list(projectId: string, query: FollowupQuery): Promise<{ items: Followup[]; next: FollowupCursor | null }>;
  /** How many follow-ups of the project each status has under `filter`. */
  counts(projectId: string, filter: FollowupFilter): Promise<FollowupCounts>;
  get(id: string): Promise<Followup | null>;
  /** Applies the patch and records one history entry per real change. Null when there is no such follow-up. */
  update(id: string, patch: FollowupPatch, actor: string, at: Date): Promise<Followup | null>;
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
