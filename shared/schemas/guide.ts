import { z } from 'zod';
import { EVENT_NAME_PATTERN, GUIDE_STEPS_MAX } from '../limits.ts';
import { archivedAt, archivedFlag } from './archive.ts';
import { audience } from './audience.ts';
import { localizedText, localizedTextOf } from './common.ts';

const selector = z.string().trim().min(1).max(1000);

/**
 * Where a step points: a CSS selector, or what the authoring tool captures — a selector, the
 * element's visible text (narrows several matches) and fallback selectors tried in order when
 * the first finds nothing.
 */
export const stepTarget = z.union([
  selector,
  z.object({ selector, text: z.string().trim().min(1).max(200).optional(), fallbacks: z.array(selector).max(5).optional() }),
]);
export type StepTarget = z.infer<typeof stepTarget>;

export const guideStep = z.object({
  /** No target: a centred modal step. */
  target: stepTarget.optional(),
  title: localizedText,
  /** A small Markdown subset (bold, italic, links, lists, line breaks), shown as text: never raw HTML. */
  body: localizedTextOf(2000),
  placement: z.enum(['auto', 'top', 'bottom', 'left', 'right']).default('auto'),
  /** `next`: a Next button; `click`: the user clicks the target. */
  advance: z.enum(['next', 'click']).default('next'),
  /** Dim the page around the target. */
  spotlight: z.boolean().default(false),
});
export type GuideStep = z.infer<typeof guideStep>;

export const guideTrigger = z
  .object({
    /** Glob on the path (and query, when the pattern has `?`): `/invoices*`. */
    url: z.string().trim().min(1).max(500).optional(),
    /** A custom event name from `kizuna('track', name)`. */
    event: z.string().regex(EVENT_NAME_PATTERN, 'must be 1–64 characters of A–Z a–z 0–9 _ . : -').optional(),
    delaySeconds: z.number().int().min(0).max(3600).default(0),
  })
  .default({ delaySeconds: 0 });
export type GuideTrigger = z.infer<typeof guideTrigger>;

const guideFields = {
  name: z.string().trim().min(1).max(200),
  steps: z.array(guideStep).min(1).max(GUIDE_STEPS_MAX),
  trigger: guideTrigger,
  audience: audience.optional(),
  /** `once`: until completed or dismissed; `always`: every time the trigger fires. */
  frequency: z.enum(['once', 'always']).default('once'),
  /** Higher goes first when a guide and a survey (or two guides) are due together. */
  priority: z.number().int().min(-100).max(100).default(0),
  active: z.boolean().default(true),
};

export const guideInput = z.object(guideFields);
export type GuideInput = z.input<typeof guideInput>;

export const guideUpdate = z
  .object({
    name: guideFields.name,
    steps: guideFields.steps,
    trigger: guideTrigger.unwrap(),
    audience: audience.nullable(),
    frequency: z.enum(['once', 'always']),
    priority: guideFields.priority.unwrap(),
    active: z.boolean(),
    /** Archiving keeps the guide's events and report. */
    archived: archivedFlag,
  })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'nothing to update');
export type GuideUpdate = z.infer<typeof guideUpdate>;

export const guide = z.object({
  id: z.string(),
  projectId: z.string(),
  ...guideInput.shape,
  audience: audience.nullable(),
  archivedAt,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Guide = z.infer<typeof guide>;

/** What the widget receives, with where this user left the guide (to resume a tour across pages). */
export const clientGuide = guide
  .pick({ id: true, steps: true, trigger: true, audience: true, frequency: true, priority: true })
  .extend({ progress: z.object({ stepIndex: z.number().int().min(0) }).nullable() });
export type ClientGuide = z.infer<typeof clientGuide>;

export const guideReport = z.object({
  /** Distinct users who were shown / completed / dismissed the guide. */
  shown: z.number(),
  completed: z.number(),
  dismissed: z.number(),
  steps: z.array(z.object({ index: z.number(), shown: z.number(), completed: z.number() })),
});
export type GuideReport = z.infer<typeof guideReport>;
