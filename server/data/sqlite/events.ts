import { and, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { nextProgress } from '../guide-progress.ts';
import { events, guideProgress, guides } from '../schema.ts';
import type { EventRepository, NewEvent } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

// JSON goes in as text we serialise ourselves (see responses.ts): absent props must be SQL NULL.
const propsOf = (e: NewEvent) => (e.type === 'track' && e.props !== undefined ? JSON.stringify(e.props) : null);

/** Widget events in SQLite, with the guide progress they move. */
export function sqliteEvents(db: Db, write: GroupCommit): EventRepository {
  const p = sql.placeholder;
  const insertEvent = db
    .insert(events)
    .values({
      projectId: p('projectId'),
      clientId: p('clientId'),
      type: p('type'),
      surveyId: p('surveyId'),
      guideId: p('guideId'),
      stepIndex: p('stepIndex'),
      name: p('name'),
      props: sql`${p('props')}`,
      userId: p('userId'),
      at: p('at'),
    })
    .onConflictDoNothing()
    .returning({ id: events.id })
    .prepare();
  // The guide's frequency comes with the progress: a finished `always` guide may start over.
  const progressFor = db
    .select({ frequency: guides.frequency, stepIndex: guideProgress.stepIndex, status: guideProgress.status })
    .from(guides)
    .leftJoin(guideProgress, and(eq(guideProgress.guideId, guides.id), eq(guideProgress.userId, p('userId'))))
    .where(eq(guides.id, p('guideId')))
    .prepare();
  const saveProgress = db
    .insert(guideProgress)
    .values({ projectId: p('projectId'), guideId: p('guideId'), userId: p('userId'), stepIndex: p('stepIndex'), status: p('status'), updatedAt: p('at') })
    .onConflictDoUpdate({
      target: [guideProgress.guideId, guideProgress.userId],
      set: { stepIndex: sql`excluded.step_index`, status: sql`excluded.status`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare();
  const lastDismissals = db
    .select({ surveyId: events.surveyId, at: max(events.at) })
    .from(events)
    .where(and(eq(events.projectId, p('projectId')), eq(events.userId, p('userId')), eq(events.type, 'survey_dismissed')))
    .groupBy(events.surveyId)
    .prepare();

  const moveProgress = (projectId: string, e: NewEvent & { guideId: string }) => {
    const found = progressFor.get({ guideId: e.guideId, userId: e.userId });
    if (!found) throw new Error(`guide ${e.guideId} does not exist`);
    const current = found.stepIndex === null || found.status === null ? null : { stepIndex: found.stepIndex, status: found.status };
    const next = nextProgress(current, e, found.frequency);
    if (next) saveProgress.run({ projectId, guideId: e.guideId, userId: e.userId, ...next, at: e.at.getTime() });
  };

  const record = (projectId: string, batch: readonly NewEvent[]) => {
    let stored = 0;
    for (const e of batch) {
      const created = insertEvent.get({
        projectId,
        clientId: e.clientId,
        type: e.type,
        surveyId: 'surveyId' in e ? e.surveyId : null,
        guideId: 'guideId' in e ? e.guideId : null,
        stepIndex: 'stepIndex' in e ? e.stepIndex : null,
        name: e.type === 'track' ? e.name : null,
        props: propsOf(e),
        userId: e.userId,
        at: e.at.getTime(),
      });
      // A known id was applied when it was first stored: a re-send moves nothing twice.
      if (!created) continue;
      stored++;
      if ('guideId' in e) moveProgress(projectId, e);
    }
    return stored;
  };

  return {
    async record(projectId, batch) {
      if (batch.length === 0) return 0;
      // One job of the group commit: the batch is stored whole, with its progress, or not at all.
      return write(() => record(projectId, batch));
    },

    async lastDismissedAt(projectId, userId) {
      return new Map(lastDismissals.all({ projectId, userId }).flatMap((row) => (row.surveyId === null ? [] : [[row.surveyId, Number(row.at)] as const])));
    },
  };
}
