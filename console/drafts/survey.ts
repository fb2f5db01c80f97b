import type { ClientSurvey, Survey, SurveyInput } from '../../shared/schemas/survey.ts';
import { DEFAULT_QUESTION, SURVEY_DEFAULTS } from '../../shared/survey-defaults.ts';
import { newUid } from '../lists.ts';
import { fromAudienceDraft, toAudienceDraft, type AudienceDraft } from './audience.ts';
import { fromLocalizedDraft, toLocalizedDraft, type LocalizedDraft } from '../../shared/localized-draft.ts';
import { toNumber, type AsTyped } from './numbers.ts';

export interface TouchpointDraft {
  uid: string;
  key: string;
  label: LocalizedDraft;
}

/** A survey being edited: numbers kept as typed, the sample rate in percent. */
export interface SurveyDraft {
  name: string;
  question: LocalizedDraft;
  touchpoints: TouchpointDraft[];
  detractorThreshold: string;
  recontactDays: string;
  delaySeconds: string;
  sampleRatePercent: string;
  priority: string;
  audience: AudienceDraft;
  active: boolean;
}

export function newSurveyDraft(): SurveyDraft {
  return {
    name: '',
    question: toLocalizedDraft(DEFAULT_QUESTION),
    touchpoints: [],
    detractorThreshold: String(SURVEY_DEFAULTS.detractorThreshold),
    recontactDays: String(SURVEY_DEFAULTS.recontactDays),
    delaySeconds: String(SURVEY_DEFAULTS.delaySeconds),
    sampleRatePercent: String(SURVEY_DEFAULTS.sampleRate * 100),
    priority: String(SURVEY_DEFAULTS.priority),
    audience: toAudienceDraft(null),
    active: SURVEY_DEFAULTS.active,
  };
}

export function toSurveyDraft(survey: Survey): SurveyDraft {
  return {
    name: survey.name,
    question: toLocalizedDraft(survey.question),
    touchpoints: survey.touchpoints.map((tp) => ({ uid: newUid(), key: tp.key, label: toLocalizedDraft(tp.label) })),
    detractorThreshold: String(survey.detractorThreshold),
    recontactDays: String(survey.recontactDays),
    delaySeconds: String(survey.delaySeconds),
    sampleRatePercent: String(Math.round(survey.sampleRate * 1000) / 10),
    priority: String(survey.priority),
    audience: toAudienceDraft(survey.audience),
    active: survey.active,
  };
}

/** A touchpoint with a key no other one has (`touchpoint-3`), to be renamed by the author. */
export function newTouchpoint(existing: readonly TouchpointDraft[]): TouchpointDraft {
  const taken = new Set(existing.map((tp) => tp.key));
  let n = existing.length + 1;
  while (taken.has(`touchpoint-${n}`)) n++;
  return { uid: newUid(), key: `touchpoint-${n}`, label: { ja: '', en: '' } };
}

const percent = (text: string) => {
  const value = toNumber(text);
  return value === null ? null : value / 100;
};

export type SurveyBody = AsTyped<SurveyInput, 'detractorThreshold' | 'recontactDays' | 'delaySeconds' | 'sampleRate' | 'priority'>;

/** The body for create and update alike (every field). */
export function fromSurveyDraft(draft: SurveyDraft): SurveyBody {
  return {
    name: draft.name,
    question: fromLocalizedDraft(draft.question),
    touchpoints: draft.touchpoints.map((tp) => ({ key: tp.key.trim(), label: fromLocalizedDraft(tp.label) })),
    detractorThreshold: toNumber(draft.detractorThreshold),
    recontactDays: toNumber(draft.recontactDays),
    delaySeconds: toNumber(draft.delaySeconds),
    sampleRate: percent(draft.sampleRatePercent),
    priority: toNumber(draft.priority),
    audience: fromAudienceDraft(draft.audience),
    active: draft.active,
  };
}

/** What the widget would receive for this draft, for the live preview. */
export function previewSurvey(draft: SurveyDraft): ClientSurvey {
  return {
    id: 'preview',
    question: fromLocalizedDraft(draft.question),
    touchpoints: draft.touchpoints.map((tp, i) => ({ key: tp.key || `tp-${i}`, label: fromLocalizedDraft(tp.label) })),
    delaySeconds: 0,
    recontactDays: 0,
    sampleRate: 1,
    audience: null,
    priority: 0,
  };
}
