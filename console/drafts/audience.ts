import type { AUDIENCE_OPS } from '../../shared/limits.ts';
import type { Audience, Condition } from '../../shared/schemas/audience.ts';
import { newUid } from '../lists.ts';

export type AudienceOp = (typeof AUDIENCE_OPS)[number];

/** A condition as typed: its value kept as text until saved. */
export interface ConditionDraft {
  uid: string;
  attribute: string;
  op: AudienceOp;
  value: string;
}

export interface AudienceDraft {
  all: ConditionDraft[];
  any: ConditionDraft[];
}

export const newCondition = (): ConditionDraft => ({ uid: newUid(), attribute: '', op: 'eq', value: '' });

const formatValue = (value: Condition['value']) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

export function toAudienceDraft(audience: Audience | null | undefined): AudienceDraft {
  const draft = (conditions: Condition[] = []) => conditions.map((c) => ({ uid: newUid(), attribute: c.attribute, op: c.op, value: formatValue(c.value) }));
  return { all: draft(audience?.all), any: draft(audience?.any) };
}

type Scalar = string | number | boolean;

/** "120000" → 120000, "true" → true, anything else stays text. */
function scalar(text: string): Scalar {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return trimmed;
}

/** The value an operator takes, from what was typed (the server says what is wrong with it). */
function parseValue(op: AudienceOp, text: string): Condition['value'] {
  switch (op) {
    case 'in':
      return text.split(',').map((part) => part.trim()).filter(Boolean).map(scalar);
    case 'exists':
      return text.trim() === '' ? undefined : scalar(text);
    case 'contains':
      return text;
    default:
      return scalar(text);
  }
}

/** What the API takes: null for everyone (no conditions). */
export function fromAudienceDraft(draft: AudienceDraft): Audience | null {
  const conditions = (list: ConditionDraft[]) => list.map(({ attribute, op, value }) => ({ attribute: attribute.trim(), op, value: parseValue(op, value) }));
  if (draft.all.length === 0 && draft.any.length === 0) return null;
  return {
    ...(draft.all.length ? { all: conditions(draft.all) } : {}),
    ...(draft.any.length ? { any: conditions(draft.any) } : {}),
  };
}
