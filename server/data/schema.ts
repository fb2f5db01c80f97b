import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LocalizedText, UserAttributes } from '../../shared/schemas/common.ts';
import type { FollowupStatus } from '../../shared/schemas/followup.ts';
import type { Touchpoint } from '../../shared/schemas/survey.ts';
import type { Category } from '../../shared/score.ts';
import type { EventType } from '../../shared/schemas/event.ts';

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
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('surveys_project_idx').on(t.projectId, t.createdAt)],
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
    // Reports filter by survey and time and count by category: the index alone answers them.
    index('responses_survey_time_idx').on(t.surveyId, t.createdAt, t.category),
    index('responses_user_idx').on(t.projectId, t.userId, t.surveyId, t.createdAt),
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
  },
  (t) => [primaryKey({ columns: [t.responseId, t.key] })],
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
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    userId: text('user_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    uniqueIndex('events_client_id_uq').on(t.projectId, t.clientId),
    index('events_user_idx').on(t.projectId, t.userId, t.type, t.surveyId, t.at),
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
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // One follow-up per response, however often the answer is re-sent.
    uniqueIndex('followups_response_uq').on(t.responseId),
    // Keyset pagination, newest first, with and without a status filter.
    index('followups_project_time_idx').on(t.projectId, t.createdAt, t.id),
    index('followups_project_status_time_idx').on(t.projectId, t.status, t.createdAt, t.id),
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
    action: text('action').$type<'created' | 'status' | 'assignee' | 'note'>().notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
  },
  (t) => [index('followup_history_followup_idx').on(t.followupId, t.id)],
);
