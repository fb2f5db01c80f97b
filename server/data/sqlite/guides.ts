import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Guide, GuideUpdate } from '../../../shared/schemas/guide.ts';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { guideProgress, guides } from '../schema.ts';
import type { GuideRepository } from '../store.ts';
import { archivedAtIso, archivedAtSet, archivedWhere } from './archive.ts';
import { deleteGuide } from './deletion.ts';

type GuideRow = typeof guides.$inferSelect;

const toGuide = (row: GuideRow): Guide => ({
  ...row,
  archivedAt: archivedAtIso(row.archivedAt),
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

/** Guides and where each user is in them, in SQLite (progress is written with the events, see events.ts). */
export function sqliteGuides(db: Db): GuideRepository {
  const p = sql.placeholder;
  const byId = db.select().from(guides).where(eq(guides.id, p('id'))).prepare();
  // rowid breaks ties in creation time by insertion order. What the widget may be offered: an
  // archived guide never is, whatever `active` says.
  const activeOfProject = db
    .select()
    .from(guides)
    .where(and(eq(guides.projectId, p('projectId')), eq(guides.active, true), isNull(guides.archivedAt)))
    .orderBy(asc(guides.createdAt), asc(sql`rowid`))
    .prepare();
  const progressOfUser = db
    .select({ guideId: guideProgress.guideId, stepIndex: guideProgress.stepIndex, status: guideProgress.status })
    .from(guideProgress)
    .where(and(eq(guideProgress.projectId, p('projectId')), eq(guideProgress.userId, p('userId'))))
    .prepare();

  // updatedAt is the version authoring saves are checked against (updateIfUnchanged): it moves
  // forward even when two updates fall in the same millisecond, so no two versions look alike.
  const write = (id: string, { archived, ...patch }: GuideUpdate, expectedUpdatedAt?: number) => {
    const now = Date.now();
    return db
      .update(guides)
      .set({ ...patch, archivedAt: archivedAtSet(guides.archivedAt, archived, now), updatedAt: sql`max(${now}, ${guides.updatedAt} + 1)` })
      .where(expectedUpdatedAt === undefined ? eq(guides.id, id) : and(eq(guides.id, id), eq(guides.updatedAt, expectedUpdatedAt)))
      .returning()
      .get();
  };

  return {
    async create(projectId, input) {
      const now = Date.now();
      const row = db
        .insert(guides)
        .values({ ...input, id: newId('gd'), projectId, createdAt: now, updatedAt: now })
        .returning()
        .get();
      return toGuide(row);
    },

    async listByProject(projectId, { activeOnly = false, archived } = {}) {
      const rows = activeOnly
        ? activeOfProject.all({ projectId })
        : db
            .select()
            .from(guides)
            .where(and(eq(guides.projectId, projectId), archivedWhere(guides.archivedAt, archived)))
            .orderBy(asc(guides.createdAt), asc(sql`rowid`))
            .all();
      return rows.map(toGuide);
    },

    async get(id) {
      const row = byId.get({ id });
      return row ? toGuide(row) : null;
    },

    async stepCounts(projectId, ids) {
      if (ids.length === 0) return new Map();
      const rows = db
        .select({ id: guides.id, steps: sql<number>`json_array_length(${guides.steps})` })
        .from(guides)
        .where(and(eq(guides.projectId, projectId), inArray(guides.id, [...ids])))
        .all();
      return new Map(rows.map((row) => [row.id, row.steps]));
    },

    async update(id, patch) {
      const row = write(id, patch);
      return row ? toGuide(row) : null;
    },

    async updateIfUnchanged(id, expectedUpdatedAt, patch) {
      // An unparsable version matches no stored one: a conflict, if the guide exists.
      const expected = Date.parse(expectedUpdatedAt);
      const row = Number.isNaN(expected) ? undefined : write(id, patch, expected);
      if (row) return toGuide(row);
      return byId.get({ id }) ? 'conflict' : null;
    },

    async progressOf(projectId, userId) {
      return new Map(progressOfUser.all({ projectId, userId }).map(({ guideId, ...progress }) => [guideId, progress]));
    },

    async delete(id, options) {
      return deleteGuide(db, id, options);
    },
  };
}
