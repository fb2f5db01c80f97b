import { z } from 'zod';
import { timeRangeQuery } from '../../../shared/schemas/common.ts';
import type { Store } from '../../data/store.ts';
import { csvStream, type CsvCell } from '../../csv.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { projectParams, requireProject } from './projects.ts';
import { queryRange } from './range.ts';

const exportRoute = <P extends string>(path: P, summary: string, description: string) =>
  createAdminRoute({
    method: 'get',
    path,
    summary,
    description: `${description} UTF-8 with a byte order mark (Excel), RFC 4180; text cells starting with = + - @ tab or CR get a leading '.`,
    tags: ['exports'],
    request: { params: projectParams, query: timeRangeQuery },
    responses: {
      200: { description: 'The CSV file, as a download', content: { 'text/csv': { schema: z.string() } } },
      400: errorResponse('Invalid query'),
      404: errorResponse('No such project'),
    },
  });

const responsesCsvRoute = exportRoute(
  '/projects/{projectId}/responses.csv',
  "Download a project's answers as CSV",
  'Answers created in [from, to) (either end may be left open), survey by survey, oldest first. ' +
    'Columns: id, created_at, survey_id, user_id, score, category, comment, locale, url, one tp:<key> per touchpoint key of the project’s surveys, attributes (JSON).',
);

const followupsCsvRoute = exportRoute(
  '/projects/{projectId}/followups.csv',
  "Download a project's follow-ups as CSV",
  'Follow-ups whose answer was created in [from, to), oldest first. ' +
    'Columns: id, created_at, status, assignee, due_at, overdue, user_id, score, comment, last_note.',
);

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Maps each batch of an export to CSV records. */
async function* records<T>(batches: AsyncIterable<T[]>, record: (row: T) => CsvCell[]): AsyncGenerator<CsvCell[][]> {
  for await (const batch of batches) yield batch.map(record);
}

/** A streamed CSV download named `kizuna-<what>-<project id>-<date>.csv`. */
function csvDownload(what: string, projectId: string, header: string[], rows: AsyncIterable<CsvCell[][]>): Response {
  const filename = `kizuna-${what}-${projectId}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csvStream(header, rows), {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
}

/** CSV downloads of a project's answers and follow-ups, streamed in batches. */
export function exportRoutes(store: Store) {
  return createRouter<AdminEnv>()
    .openapi(responsesCsvRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      const range = queryRange(c.req.valid('query'));
      await requireProject(store, projectId);
      // One column per touchpoint key across the project's surveys, in survey then touchpoint order.
      const keys = [...new Set((await store.surveys.listByProject(projectId)).flatMap((s) => s.touchpoints.map((t) => t.key)))];
      const header = ['id', 'created_at', 'survey_id', 'user_id', 'score', 'category', 'comment', 'locale', 'url', ...keys.map((k) => `tp:${k}`), 'attributes'];
      const rows = records(store.exports.responses(projectId, range), (r) => [
        r.clientId,
        new Date(r.createdAt).toISOString(),
        r.surveyId,
        r.userId,
        r.score,
        r.category,
        r.comment,
        r.locale,
        r.url,
        ...keys.map((k) => r.factors[k]),
        r.attributes === null ? null : JSON.stringify(r.attributes),
      ]);
      return csvDownload('responses', projectId, header, rows);
    })
    .openapi(followupsCsvRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      const range = queryRange(c.req.valid('query'));
      await requireProject(store, projectId);
      const header = ['id', 'created_at', 'status', 'assignee', 'due_at', 'overdue', 'user_id', 'score', 'comment', 'last_note'];
      const rows = records(store.exports.followups(projectId, range), (f) => [
        f.id,
        new Date(f.createdAt).toISOString(),
        f.status,
        f.assignee,
        isoOrNull(f.dueAt),
        f.overdue,
        f.userId,
        f.score,
        f.comment,
        f.lastNote,
      ]);
      return csvDownload('followups', projectId, header, rows);
    });
}
