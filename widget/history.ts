import type { SurveyHistory } from '../shared/eligibility.ts';
import { isRecord } from './guards.ts';
import { parseJson, type KeyValueStore } from './storage.ts';

/**
 * When this user answered or dismissed each survey on this device. The server knows too, but
 * only once queued answers reach it; this keeps an offline answer from being asked again.
 */
export interface LocalHistory {
  get(surveyId: string): SurveyHistory;
  record(surveyId: string, field: keyof SurveyHistory, at: number): void;
}

type Entries = Record<string, SurveyHistory>;

export function openHistory(store: KeyValueStore, projectKey: string, userId: string): LocalHistory {
  const key = `kizuna:v1:history:${projectKey}:${userId}`;
  const read = (): Entries =>
    parseEntries(parseJson(store.get(key)), (entry) => {
      const history: SurveyHistory = {};
      if (isTime(entry.answeredAt)) history.answeredAt = entry.answeredAt;
      if (isTime(entry.dismissedAt)) history.dismissedAt = entry.dismissedAt;
      return history;
    });
  return {
    get: (surveyId) => read()[surveyId] ?? {},
    record(surveyId, field, at) {
      const entries = read();
      entries[surveyId] = { ...entries[surveyId], [field]: at };
      store.set(key, JSON.stringify(entries));
    },
  };
}

/**
 * Keeps only well-formed entries, each rebuilt from its known fields: a corrupt or foreign value
 * must not block or unblock a survey or guide.
 */
function parseEntries<T>(value: unknown, parseEntry: (entry: Record<string, unknown>) => T): Record<string, T> {
  const entries: Record<string, T> = {};
  if (!isRecord(value)) return entries;
  for (const [id, entry] of Object.entries(value)) {
    if (isRecord(entry)) entries[id] = parseEntry(entry);
  }
  return entries;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** What this device knows of one guide for one user: finished, or where a tour stopped. */
export interface GuideRecord {
  completedAt?: number;
  dismissedAt?: number;
  /** The step to show next when the tour resumes (set as steps are completed, cleared when it ends). */
  stepIndex?: number;
}

export interface LocalGuideHistory {
  get(guideId: string): GuideRecord;
  record(guideId: string, patch: GuideRecord): void;
}

/** Like the survey history: a `once` guide finished offline must not come back before the server hears of it. */
export function openGuideHistory(store: KeyValueStore, projectKey: string, userId: string): LocalGuideHistory {
  const key = `kizuna:v1:guides:${projectKey}:${userId}`;
  const read = (): Record<string, GuideRecord> =>
    parseEntries(parseJson(store.get(key)), (entry) => {
      const record: GuideRecord = {};
      if (isTime(entry.completedAt)) record.completedAt = entry.completedAt;
      if (isTime(entry.dismissedAt)) record.dismissedAt = entry.dismissedAt;
      if (Number.isInteger(entry.stepIndex) && (entry.stepIndex as number) >= 0) record.stepIndex = entry.stepIndex as number;
      return record;
    });
  return {
    get: (guideId) => read()[guideId] ?? {},
    record(guideId, patch) {
      const entries = read();
      const next: GuideRecord = { ...entries[guideId], ...patch };
      if (patch.stepIndex === undefined && 'stepIndex' in patch) delete next.stepIndex;
      entries[guideId] = next;
      store.set(key, JSON.stringify(entries));
    },
  };
}
