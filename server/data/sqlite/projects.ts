import { asc, eq, sql } from 'drizzle-orm';
import type { Project } from '../../../shared/schemas/project.ts';
import type { Db } from '../db.ts';
import { newId, newProjectKey } from '../ids.ts';
import { projects } from '../schema.ts';
import { SEEN_INTERVAL_MS, type ProjectRepository } from '../store.ts';
import { archivedAtIso, archivedAtSet, archivedWhere } from './archive.ts';
import { deleteProject } from './deletion.ts';
import type { GroupCommit } from './group-commit.ts';

type ProjectRow = typeof projects.$inferSelect;

const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  key: row.key,
  name: row.name,
  allowedOrigins: row.allowedOrigins,
  maxStartsPerPageView: row.maxStartsPerPageView,
  ltvBoundary: row.ltvBoundary,
  lastSeen: row.lastSeenUrl === null || row.lastSeenAt === null ? null : { url: row.lastSeenUrl, at: new Date(row.lastSeenAt).toISOString() },
  retentionDays: row.retentionDays,
  language: row.language,
  timeZone: row.timeZone,
  retentionLastRun: row.retentionRunAt === null ? null : { at: new Date(row.retentionRunAt).toISOString(), events: row.retentionResult?.events ?? 0, comments: row.retentionResult?.comments ?? 0 },
  archivedAt: archivedAtIso(row.archivedAt),
  createdAt: new Date(row.createdAt).toISOString(),
});

/** Projects in SQLite; `recordSeen` writes through the group commit, beside the widget's other writes. */
export function sqliteProjects(db: Db, write: GroupCommit): ProjectRepository {
  // Every widget request resolves its project by key: prepared once.
  const byKey = db
    .select()
    .from(projects)
    .where(eq(projects.key, sql.placeholder('key')))
    .prepare();
  const byId = db
    .select()
    .from(projects)
    .where(eq(projects.id, sql.placeholder('id')))
    .prepare();
  // The condition keeps the write throttled even when several servers race on one file.
  const seen = db
    .update(projects)
    .set({ lastSeenUrl: sql`${sql.placeholder('url')}`, lastSeenAt: sql`${sql.placeholder('at')}` })
    .where(sql`${projects.id} = ${sql.placeholder('id')} and (${projects.lastSeenAt} is null or ${projects.lastSeenAt} <= ${sql.placeholder('at')} - ${SEEN_INTERVAL_MS})`)
    .prepare();

  return {
    async create({ name, allowedOrigins, key = newProjectKey(), maxStartsPerPageView }) {
      const row = db
        .insert(projects)
        .values({ id: newId('prj'), key, name, allowedOrigins, maxStartsPerPageView, createdAt: Date.now() })
        .returning()
        .get();
      return toProject(row);
    },

    // rowid breaks ties in creation time by insertion order.
    async list({ archived } = {}) {
      return db.select().from(projects).where(archivedWhere(projects.archivedAt, archived)).orderBy(asc(projects.createdAt), asc(sql`rowid`)).all().map(toProject);
    },

    async get(id) {
      const row = byId.get({ id });
      return row ? toProject(row) : null;
    },

    async getByKey(key) {
      const row = byKey.get({ key });
      return row ? toProject(row) : null;
    },

    async update(id, { archived, ...patch }) {
      const row = db
        .update(projects)
        .set({ ...patch, archivedAt: archivedAtSet(projects.archivedAt, archived, Date.now()) })
        .where(eq(projects.id, id))
        .returning()
        .get();
      return row ? toProject(row) : null;
    },

    async delete(id, options) {
      return deleteProject(db, id, options);
    },

    async recordSeen(id, url, at) {
      await write(() => seen.run({ id, url, at: at.getTime() }));
    },
  };
}
