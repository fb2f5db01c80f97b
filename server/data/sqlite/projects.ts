import { asc, eq, sql } from 'drizzle-orm';
import type { Project } from '../../../shared/schemas/project.ts';
import type { Db } from '../db.ts';
import { newId, newProjectKey } from '../ids.ts';
import { projects } from '../schema.ts';
import type { ProjectRepository } from '../store.ts';

type ProjectRow = typeof projects.$inferSelect;

const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  key: row.key,
  name: row.name,
  allowedOrigins: row.allowedOrigins,
  maxStartsPerPageView: row.maxStartsPerPageView,
  createdAt: new Date(row.createdAt).toISOString(),
});

/** Projects in SQLite. */
export function sqliteProjects(db: Db): ProjectRepository {
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
    async list() {
      return db.select().from(projects).orderBy(asc(projects.createdAt), asc(sql`rowid`)).all().map(toProject);
    },

    async get(id) {
      const row = byId.get({ id });
      return row ? toProject(row) : null;
    },

    async getByKey(key) {
      const row = byKey.get({ key });
      return row ? toProject(row) : null;
    },

    async update(id, patch) {
      const row = db.update(projects).set(patch).where(eq(projects.id, id)).returning().get();
      return row ? toProject(row) : null;
    },
  };
}
