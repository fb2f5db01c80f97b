import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Survey } from '../../../shared/schemas/survey.ts';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { surveys } from '../schema.ts';
import type { SurveyRepository } from '../store.ts';
import { archivedAtIso, archivedAtSet, archivedWhere } from './archive.ts';
import { deleteSurvey } from './deletion.ts';

type SurveyRow = typeof surveys.$inferSelect;

const toSurvey = (row: SurveyRow): Survey => ({
  ...row,
  archivedAt: archivedAtIso(row.archivedAt),
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

/** Surveys in SQLite. */
export function sqliteSurveys(db: Db): SurveyRepository {
  const byId = db
    .select()
    .from(surveys)
    .where(eq(surveys.id, sql.placeholder('id')))
    .prepare();
  // rowid breaks ties in creation time by insertion order. What the widget may be offered: an
  // archived survey never is, whatever `active` says.
  const activeOfProject = db
    .select()
    .from(surveys)
    .where(and(eq(surveys.projectId, sql.placeholder('projectId')), eq(surveys.active, true), isNull(surveys.archivedAt)))
    .orderBy(asc(surveys.createdAt), asc(sql`rowid`))
    .prepare();

  return {
    async create(projectId, input) {
      const now = Date.now();
      const row = db
        .insert(surveys)
        .values({ ...input, id: newId('srv'), projectId, createdAt: now, updatedAt: now })
        .returning()
        .get();
      return toSurvey(row);
    },

    async listByProject(projectId, { activeOnly = false, archived } = {}) {
      const rows = activeOnly
        ? activeOfProject.all({ projectId })
        : db
            .select()
            .from(surveys)
            .where(and(eq(surveys.projectId, projectId), archivedWhere(surveys.archivedAt, archived)))
            .orderBy(asc(surveys.createdAt), asc(sql`rowid`))
            .all();
      return rows.map(toSurvey);
    },

    async get(id) {
      const row = byId.get({ id });
      return row ? toSurvey(row) : null;
    },

    async existingIds(projectId, ids) {
      if (ids.length === 0) return new Set();
      const rows = db
        .select({ id: surveys.id })
        .from(surveys)
        .where(and(eq(surveys.projectId, projectId), inArray(surveys.id, [...ids])))
        .all();
      return new Set(rows.map((row) => row.id));
    },

    async update(id, { archived, ...patch }) {
      const now = Date.now();
      const row = db
        .update(surveys)
        .set({ ...patch, archivedAt: archivedAtSet(surveys.archivedAt, archived, now), updatedAt: now })
        .where(eq(surveys.id, id))
        .returning()
        .get();
      return row ? toSurvey(row) : null;
    },

    async delete(id, options) {
      return deleteSurvey(db, id, options);
    },
  };
}
