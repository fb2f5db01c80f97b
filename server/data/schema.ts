import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Audience } from '../../shared/schemas/audience.ts';
import type { LocalizedText, UserAttributes } from '../../shared/schemas/common.ts';
import type { EventType } from '../../shared/schemas/event.ts';
import type { FollowupHistoryEntry, FollowupStatus } from '../../shared/schemas/followup.ts';
import type { Guide, GuideStep, GuideTrigger } from '../../shared/schemas/guide.ts';
import type { Touchpoint } from '../../shared/schemas/survey.ts';
import type { Role } from '../../shared/roles.ts';
import type { Category } from '../../shared/score.ts';
import type { GuideProgressStatus } from './guide-progress.ts';

// Times are stored as integer milliseconds since the epoch (UTC): cheap to compare and index,
// and reports turn them into calendar periods in SQL.

/** Server-wide key/value settings (the generated admin token lives here). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const projects = sqliteTable('projects', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  maxStartsPerPageView: integer('max_starts_per_page_view').notNull().default(1),
  /** Where the LTV matrix splits high from low; null: the median of the users counted. */
  ltvBoundary: real('ltv_boundary'),
  // The install check: where and when the widget last asked for its state (throttled, see projects.ts).
  lastSeenUrl: text('last_seen_url'),
  lastSeenAt: integer('last_seen_at'),
  /** Raw events and answers' free text older than this many days are deleted by the scheduler; null: kept. */
  retentionDays: integer('retention_days'),
  /** The last retention run over this project, and what it deleted (server/scheduler/). */
  retentionRunAt: integer('retention_run_at'),
  retentionResult: text('retention_result', { mode: 'json' }).$type<{ events: number; comments: number }>(),
  /** Archived: out of the lists and the widget, reports still readable. */
  archivedAt: integer('archived_at'),
  /** The language of what the project sends out (Slack messages, digests). */
  language: text('language').$type<'ja' | 'en'>().notNull().default('ja'),
  /** IANA time zone of the project's team: when its daily and weekly mails go out. */
  timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
  createdAt: integer('created_at').notNull(),
});

export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    question: text('question', { mode: 'json' }).$type<LocalizedText>().notNull(),
    touchpoints: text('touchpoints', { mode: 'json' }).$type<Touchpoint[]>().notNull(),
    detractorThreshold: integer('detractor_threshold').notNull(),
    recontactDays: integer('recontact_days').notNull(),
    delaySeconds: integer('delay_seconds').notNull(),
    sampleRate: real('sample_rate').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    audience: text('audience', { mode: 'json' }).$type<Audience>(),
    priority: integer('priority').notNull().default(0),
    /** Archived: never shown, out of the default list, its reports still readable. */
    archivedAt: integer('archived_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('surveys_project_idx').on(t.projectId, t.createdAt)],
);

export const guides = sqliteTable(
  'guides',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    steps: text('steps', { mode: 'json' }).$type<GuideStep[]>().notNull(),
    trigger: text('trigger', { mode: 'json' }).$type<GuideTrigger>().notNull(),
    audience: text('audience', { mode: 'json' }).$type<Audience>(),
    frequency: text('frequency').$type<Guide['frequency']>().notNull(),
    priority: integer('priority').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    /** Archived: never shown, out of the default list, its report still readable. */
    archivedAt: integer('archived_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('guides_project_idx').on(t.projectId, t.createdAt)],
);

/**
 * "Edit in app": a one-time link made in the console for one guide and one host-app origin, and
 * the short authoring session the widget trades it for (routes/authoring.ts). Only SHA-256
 * hashes of the link token and the session are kept: a copy of the database opens nothing.
 */
export const authoringSessions = sqliteTable('authoring_sessions', {
  id: text('id').primaryKey(),
  projectId: text('project_id')
    .notNull()
    .references(() => projects.id),
  guideId: text('guide_id')
    .notNull()
    .references(() => guides.id),
  /** The host page origin the link was made for: every request of the session must come from it. */
  origin: text('origin').notNull(),
  linkHash: text('link_hash').notNull().unique(),
  linkExpiresAt: integer('link_expires_at').notNull(),
  // Both null until the link is traded; setting them is what uses the link up.
  sessionHash: text('session_hash').unique(),
  sessionExpiresAt: integer('session_expires_at'),
  /** The console user (or admin token) who made the link. */
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Where each user is in each guide: lets a tour resume on the next page and keeps `once` guides from coming back. */
export const guideProgress = sqliteTable(
  'guide_progress',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    guideId: text('guide_id')
      .notNull()
      .references(() => guides.id),
    userId: text('user_id').notNull(),
    stepIndex: integer('step_index').notNull(),
    status: text('status').$type<GuideProgressStatus>().notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.guideId, t.userId] }), index('guide_progress_user_idx').on(t.projectId, t.userId)],
);

/** The latest `identify` attributes of each user, which audiences are matched against. */
export const users = sqliteTable(
  'users',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    userId: text('user_id').notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<UserAttributes>().notNull(),
    firstSeen: integer('first_seen').notNull(),
    lastSeen: integer('last_seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

export const responses = sqliteTable(
  'responses',
  {
    // Integer key (SQLite rowid): factors and follow-ups point at it cheaply.
    id: integer('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    /** The id the widget made; retries carry it again. */
    clientId: text('client_id').notNull(),
    userId: text('user_id').notNull(),
    score: integer('score').notNull(),
    category: text('category').$type<Category>().notNull(),
    comment: text('comment'),
    locale: text('locale'),
    url: text('url'),
    attributes: text('attributes', { mode: 'json' }).$type<UserAttributes>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // Idempotency lives here: a retried id hits this index instead of making a second row.
    uniqueIndex('responses_client_id_uq').on(t.projectId, t.clientId),
    // Reports and the dashboard filter by survey and time and count by category, score and user:
    // the index alone answers them (tally, trend, distribution, users answered, latest per user).
    index('responses_survey_time_idx').on(t.surveyId, t.createdAt, t.category, t.score, t.userId),
    index('responses_user_idx').on(t.projectId, t.userId, t.surveyId, t.createdAt),
    // The latest answer per user over a long window: read in user order, no sort of the whole window.
    index('responses_survey_user_idx').on(t.surveyId, t.userId, t.createdAt, t.category, t.score),
    // Comments newest first: only answers with a comment are in it (queries must say `comment <> ''`).
    index('responses_comment_idx').on(t.surveyId, t.createdAt).where(sql`comment <> ''`),
  ],
);

export const responseFactors = sqliteTable(
  'response_factors',
  {
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id),
    key: text('key').notNull(),
    value: integer('value').notNull(),
    // The answer's survey, time and category, copied (none of them ever changes) so report means
    // read one index range per touchpoint and category instead of joining and sorting every factor
    // of a window.
    // Nullable only because SQLite adds no NOT NULL column without a default: every factor is
    // written with them, and migration 0007 filled the earlier ones.
    surveyId: text('survey_id'),
    createdAt: integer('created_at'),
    category: text('category').$type<Category>(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.key] }), index('response_factors_survey_key_idx').on(t.surveyId, t.key, t.category, t.createdAt, t.value)],
);

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    clientId: text('client_id').notNull(),
    type: text('type').$type<EventType>().notNull(),
    // Which columns are set depends on the type: survey events name a survey, guide events a
    // guide (and step events its step), track events a name and optional props.
    surveyId: text('survey_id').references(() => surveys.id),
    guideId: text('guide_id').references(() => guides.id),
    stepIndex: integer('step_index'),
    name: text('name'),
    props: text('props', { mode: 'json' }).$type<UserAttributes>(),
    userId: text('user_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    uniqueIndex('events_client_id_uq').on(t.projectId, t.clientId),
    index('events_user_idx').on(t.projectId, t.userId, t.type, t.surveyId, t.at),
    // Guide reports count distinct users per type and step: the index alone answers them.
    index('events_guide_idx').on(t.guideId, t.type, t.stepIndex, t.userId),
    // Dashboards count distinct users shown a survey in a window; guide and track events stay out of it.
    index('events_survey_idx').on(t.surveyId, t.type, t.at, t.userId).where(sql`survey_id IS NOT NULL`),
    // The same count over a long window, read in user order (distinct without a sort).
    index('events_survey_user_idx').on(t.surveyId, t.type, t.userId, t.at).where(sql`survey_id IS NOT NULL`),
  ],
);

export const followups = sqliteTable(
  'followups',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id),
    status: text('status').$type<FollowupStatus>().notNull(),
    assignee: text('assignee'),
    // The response's score, copied (a stored score never changes) so the inbox filters and sorts
    // by it from an index. Nullable only because SQLite cannot add a NOT NULL column without a
    // default: every follow-up is written with it, and migration 0005 filled the earlier ones.
    score: integer('score'),
    /** When it should be handled by (see followup-due.ts); null once cleared. */
    dueAt: integer('due_at'),
    // The response's time (a follow-up opens with its answer): `from`/`to` filter on it.
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // One follow-up per response, however often the answer is re-sent.
    uniqueIndex('followups_response_uq').on(t.responseId),
    // Keyset pagination: each status tab reads one index range in its sort's order (newest/oldest,
    // due, score) and never sorts; so does the all-statuses list by time. Every index here is paid
    // for on each new detractor answer, so the rarer views (all statuses by due date or score, an
    // assignee filter) search these and sort or filter what they find.
    index('followups_project_time_idx').on(t.projectId, t.createdAt, t.id),
    index('followups_project_status_time_idx').on(t.projectId, t.status, t.createdAt, t.id),
    index('followups_project_status_due_idx').on(t.projectId, t.status, t.dueAt, t.createdAt, t.id),
    index('followups_project_status_score_idx').on(t.projectId, t.status, t.score, t.createdAt, t.id),
  ],
);

export const followupHistory = sqliteTable(
  'followup_history',
  {
    id: integer('id').primaryKey(),
    followupId: text('followup_id')
      .notNull()
      .references(() => followups.id),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').$type<FollowupHistoryEntry['action']>().notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
  },
  (t) => [index('followup_history_followup_idx').on(t.followupId, t.id)],
);

// Console accounts, in the shape better-auth's drizzle adapter expects (server/auth/): the
// property names are better-auth's field names; timestamps are Dates stored as milliseconds.
// Kept apart from `users` above, which are the host apps' end-users.

const authTime = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const consoleUsers = sqliteTable('console_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  role: text('role').$type<Role>().notNull(),
  /** A disabled account cannot sign in and has no session. */
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** The console language the account last chose: its e-mails are written in it. */
  language: text('language').$type<'ja' | 'en'>(),
  createdAt: authTime('created_at').notNull(),
  updatedAt: authTime('updated_at').notNull(),
});

export const consoleSessions = sqliteTable(
  'console_sessions',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    expiresAt: authTime('expires_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: authTime('created_at').notNull(),
    updatedAt: authTime('updated_at').notNull(),
  },
  (t) => [index('console_sessions_user_idx').on(t.userId)],
);

export const consoleAccounts = sqliteTable(
  'console_accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: authTime('access_token_expires_at'),
    refreshTokenExpiresAt: authTime('refresh_token_expires_at'),
    scope: text('scope'),
    /** scrypt hash (better-auth's default), never the password. */
    password: text('password'),
    createdAt: authTime('created_at').notNull(),
    updatedAt: authTime('updated_at').notNull(),
  },
  (t) => [index('console_accounts_user_idx').on(t.userId)],
);

export const consoleVerifications = sqliteTable(
  'console_verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: authTime('expires_at').notNull(),
    createdAt: authTime('created_at').notNull(),
    updatedAt: authTime('updated_at').notNull(),
  },
  (t) => [index('console_verifications_identifier_idx').on(t.identifier)],
);

/**
 * Accounts an owner removed: who they were, so follow-up history and assignees that name them
 * stay readable by name after the account itself (and its sessions and password) is gone.
 */
export const removedConsoleUsers = sqliteTable('removed_console_users', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  removedAt: integer('removed_at').notNull(),
  removedBy: text('removed_by').notNull(),
});

/**
 * Failed sign-ins per key (`account:<lower-cased e-mail>`, `ip:<address>`), in the database so
 * that every server process sharing it sees the same count: a run of failures blocks that
 * account or address for a growing wait. Successful sign-ins are not counted.
 */
export const loginFailures = sqliteTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  firstFailureAt: integer('first_failure_at').notNull(),
  blockedUntil: integer('blocked_until'),
});

/** Who erased which end-user of a project, when, and how much (privacy requests, APPI / GDPR). */
export const erasures = sqliteTable(
  'erasures',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    userId: text('user_id').notNull(),
    actor: text('actor').notNull(),
    at: integer('at').notNull(),
    summary: text('summary', { mode: 'json' }).$type<Record<string, number>>().notNull(),
  },
  (t) => [index('erasures_project_idx').on(t.projectId, t.at)],
);

/**
 * Periodic server jobs (retention, …): one row per job, claimed with a lease so that only one
 * server process runs a job at a time and a crashed run is taken over after the lease.
 */
export const scheduledJobs = sqliteTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  leaseOwner: text('lease_owner'),
  leaseUntil: integer('lease_until'),
  lastRunAt: integer('last_run_at'),
});

/**
 * Where a project's events go (issue: close the loop): a URL signed with Standard Webhooks, or a
 * Slack incoming webhook. The signing secret must be kept to sign (it is a shared secret, not a
 * password): it leaves the server only in the create, rotate and reveal answers.
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    url: text('url').notNull(),
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    format: text('format').$type<'standard' | 'slack'>().notNull(),
    description: text('description'),
    active: integer('active', { mode: 'boolean' }).notNull(),
    secret: text('secret').notNull(),
    /** The secret before the last rotation, still signing beside the new one until `previous_secret_until`. */
    previousSecret: text('previous_secret'),
    previousSecretUntil: integer('previous_secret_until'),
    /** Why the server turned it off: `gone` (the receiver answered 410) or `failing` (5 days of failures). */
    deactivatedReason: text('deactivated_reason').$type<'gone' | 'failing'>(),
    /** Start of the current run of failed attempts; null after a success. */
    failingSince: integer('failing_since'),
    /** The latest attempt to it, for the console's list: when, and the HTTP status or network error. */
    lastAttemptAt: integer('last_attempt_at'),
    lastAttemptStatus: integer('last_attempt_status'),
    lastAttemptError: text('last_attempt_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_project_idx').on(t.projectId, t.createdAt)],
);

/**
 * The transactional outbox: each event is written in the same transaction as the change that
 * causes it, with its whole envelope, and fanned out to one delivery per subscribed endpoint (or
 * mail recipient) in that transaction too. `dedupe_key` makes an event that must happen once
 * (an answer's creation, a follow-up overdue for one due date) impossible to write twice.
 */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    type: text('type').notNull(),
    dedupeKey: text('dedupe_key'),
    /** The end-user the event is about, so that erasing them finds it (its envelope holds their data). */
    userId: text('user_id'),
    envelope: text('envelope', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('outbox_events_dedupe_uq').on(t.projectId, t.type, t.dedupeKey), index('outbox_events_user_idx').on(t.projectId, t.userId)],
);

/**
 * One event to one destination, sent by whichever server process claims it first (a lease:
 * `lease_until`), retried on a schedule until delivered or failed. A process killed mid-send
 * leaves a lease that expires, and the delivery is sent again (same `webhook-id`).
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => outboxEvents.id),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    channel: text('channel').$type<'webhook' | 'email'>().notNull(),
    /** Where it goes: the endpoint id of a webhook delivery, the console account id of a mail. */
    target: text('target').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull(),
    attemptCount: integer('attempt_count').notNull(),
    nextAttemptAt: integer('next_attempt_at'),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deliveries_event_target_uq').on(t.eventId, t.channel, t.target),
    // The dispatcher reads only what is due: pending rows by next attempt time.
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
    // The delivery log of one endpoint, newest first.
    index('deliveries_target_idx').on(t.channel, t.target, t.createdAt, t.id),
  ],
);

/** Each try of a delivery: when, what the receiver said (or the network error), how long it took. */
export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: integer('id').primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id),
    at: integer('at').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    /** The first 1 KB of the answer. */
    response: text('response'),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/** What each console account wants by e-mail (all off until the account turns them on). */
export const mailPreferences = sqliteTable('mail_preferences', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => consoleUsers.id, { onDelete: 'cascade' }),
  /** A follow-up is assigned to me. */
  assigned: integer('assigned', { mode: 'boolean' }).notNull().default(false),
  /** A new detractor in my projects, at once. */
  newDetractor: integer('new_detractor', { mode: 'boolean' }).notNull().default(false),
  /** Open and overdue follow-ups, every morning at 9:00 in each project's time zone. */
  dailyDigest: integer('daily_digest', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

