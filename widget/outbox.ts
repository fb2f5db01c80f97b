import { EVENT_NAME_PATTERN, GUIDE_EVENT_TYPES, GUIDE_STEP_EVENT_TYPES, SURVEY_EVENT_TYPES, TRACK_EVENT_TYPE } from '../shared/limits.ts';
import type { ClientEvent } from '../shared/schemas/event.ts';
import type { ResponseInput } from '../shared/schemas/response.ts';
import { FACTOR_MAX, FACTOR_MIN, SCORE_MAX, SCORE_MIN } from '../shared/score.ts';
import { isClientId, isIntIn, isRecord } from './guards.ts';
import { parseJson, type KeyValueStore } from './storage.ts';

/** One thing waiting to reach the server; `key` names this queued copy (a response may be queued in several versions). */
export type OutboxItem =
  | { key: string; kind: 'response'; body: ResponseInput }
  | { key: string; kind: 'event'; body: ClientEvent };

/** Read-modify-write on every change, so two tabs of the same app do not overwrite each other's items. */
export interface Outbox {
  read(): OutboxItem[];
  update(change: (items: OutboxItem[]) => OutboxItem[]): void;
}

/** A server that stays down must not grow storage without end; the oldest items go first. */
const MAX_ITEMS = 100;

export function openOutbox(store: KeyValueStore, projectKey: string): Outbox {
  const key = `kizuna:v1:outbox:${projectKey}`;
  const read = () => parseOutbox(parseJson(store.get(key)));
  return {
    read,
    update(change) {
      const items = change(read()).slice(-MAX_ITEMS);
      if (items.length) store.set(key, JSON.stringify(items));
      else store.remove(key);
    },
  };
}

function parseOutbox(value: unknown): OutboxItem[] {
  return Array.isArray(value) ? value.filter(isOutboxItem) : [];
}

function isOutboxItem(item: unknown): item is OutboxItem {
  if (!isRecord(item) || typeof item.key !== 'string' || !isRecord(item.body)) return false;
  const body = item.body;
  if (!isClientId(body.id) || typeof body.userId !== 'string') return false;
  if (item.kind === 'event') return isEventBody(body);
  return (
    typeof body.surveyId === 'string' &&
    item.kind === 'response' &&
    isIntIn(body.score, SCORE_MIN, SCORE_MAX) &&
    (body.factors === undefined || (isRecord(body.factors) && Object.values(body.factors).every((f) => isIntIn(f, FACTOR_MIN, FACTOR_MAX)))) &&
    (body.comment === undefined || typeof body.comment === 'string')
  );
}

const isOneOf = (list: readonly string[], value: unknown) => list.includes(value as string);

function isEventBody(body: Record<string, unknown>): boolean {
  if (isOneOf(SURVEY_EVENT_TYPES, body.type)) return typeof body.surveyId === 'string';
  if (isOneOf(GUIDE_EVENT_TYPES, body.type)) return typeof body.guideId === 'string';
  if (isOneOf(GUIDE_STEP_EVENT_TYPES, body.type)) return typeof body.guideId === 'string' && Number.isInteger(body.stepIndex);
  return body.type === TRACK_EVENT_TYPE && typeof body.name === 'string' && EVENT_NAME_PATTERN.test(body.name);
}
