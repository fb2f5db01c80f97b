import type { Guide, GuideInput, GuideStep, StepTarget } from '../../shared/schemas/guide.ts';
import { newUid } from '../lists.ts';
import { fromAudienceDraft, toAudienceDraft, type AudienceDraft } from './audience.ts';
import { fromLocalizedDraft, toLocalizedDraft, type LocalizedDraft } from '../../shared/localized-draft.ts';
import { toNumber, type AsTyped } from './numbers.ts';

export type Placement = GuideStep['placement'];
export type Advance = GuideStep['advance'];
export type Frequency = Guide['frequency'];

export interface StepDraft {
  uid: string;
  /** The CSS selector; blank for a centred step. */
  selector: string;
  /** What an authoring tool captured beside the selector (visible text, fallbacks), kept as it was. */
  targetExtras: Exclude<StepTarget, string> | null;
  title: LocalizedDraft;
  body: LocalizedDraft;
  placement: Placement;
  advance: Advance;
  spotlight: boolean;
}

export interface GuideDraft {
  name: string;
  steps: StepDraft[];
  triggerUrl: string;
  triggerEvent: string;
  delaySeconds: string;
  audience: AudienceDraft;
  frequency: Frequency;
  priority: string;
  active: boolean;
}

export const newStep = (): StepDraft => ({
  uid: newUid(),
  selector: '',
  targetExtras: null,
  title: { ja: '', en: '' },
  body: { ja: '', en: '' },
  placement: 'auto',
  advance: 'next',
  spotlight: false,
});

export const newGuideDraft = (): GuideDraft => ({
  name: '',
  steps: [newStep()],
  triggerUrl: '',
  triggerEvent: '',
  delaySeconds: '0',
  audience: toAudienceDraft(null),
  frequency: 'once',
  priority: '0',
  active: true,
});

export function toGuideDraft(guide: Guide): GuideDraft {
  return {
    name: guide.name,
    steps: guide.steps.map((step) => ({
      uid: newUid(),
      selector: typeof step.target === 'string' ? step.target : (step.target?.selector ?? ''),
      targetExtras: typeof step.target === 'object' ? step.target : null,
      title: toLocalizedDraft(step.title),
      body: toLocalizedDraft(step.body),
      placement: step.placement,
      advance: step.advance,
      spotlight: step.spotlight,
    })),
    triggerUrl: guide.trigger.url ?? '',
    triggerEvent: guide.trigger.event ?? '',
    delaySeconds: String(guide.trigger.delaySeconds),
    audience: toAudienceDraft(guide.audience),
    frequency: guide.frequency,
    priority: String(guide.priority),
    active: guide.active,
  };
}

/**
 * What "Edit in app" captured beside the selector (visible text, fallbacks), while the selector is
 * still the captured one: once edited to point elsewhere, they describe another element and
 * would lead the runtime back to it.
 */
export function capturedExtras({ selector, targetExtras }: StepDraft): Exclude<StepTarget, string> | null {
  return targetExtras?.selector === selector.trim() ? targetExtras : null;
}

function target(step: StepDraft): StepTarget | undefined {
  const trimmed = step.selector.trim();
  if (!trimmed) return undefined;
  return capturedExtras(step) ?? trimmed;
}

export type GuideBody = AsTyped<Omit<GuideInput, 'trigger'>, 'priority'> & {
  trigger: { url?: string; event?: string; delaySeconds: number | null };
};

/** The body for create and update alike (every field; audience null for everyone). */
export function fromGuideDraft(draft: GuideDraft): GuideBody {
  return {
    name: draft.name,
    steps: draft.steps.map((step) => ({
      target: target(step),
      title: fromLocalizedDraft(step.title),
      body: fromLocalizedDraft(step.body),
      placement: step.placement,
      advance: step.advance,
      spotlight: step.spotlight,
    })),
    trigger: {
      ...(draft.triggerUrl.trim() ? { url: draft.triggerUrl.trim() } : {}),
      ...(draft.triggerEvent.trim() ? { event: draft.triggerEvent.trim() } : {}),
      delaySeconds: toNumber(draft.delaySeconds),
    },
    // A new guide takes no null audience; no conditions means everyone all the same.
    audience: fromAudienceDraft(draft.audience) ?? {},
    frequency: draft.frequency,
    priority: toNumber(draft.priority),
    active: draft.active,
  };
}
