import { computed, effect, signal } from '@preact/signals';
import { fromLocalizedDraft, toLocalizedDraft, type LocalizedDraft } from '../../shared/localized-draft.ts';
import type { Guide, GuideStep, StepTarget } from '../../shared/schemas/guide.ts';
import { nanoid } from 'nanoid';

/** A step being edited: texts per UI language, and whether its element was picked without a stable anchor. */
export interface StepDraft {
  uid: string;
  target: StepTarget | undefined;
  /** False when it was picked here and anchors on nothing but page structure (the author is warned). */
  stable: boolean;
  title: LocalizedDraft;
  body: LocalizedDraft;
  placement: GuideStep['placement'];
  advance: GuideStep['advance'];
  spotlight: boolean;
}

/** What survives a page load of this tab: the steps, and the guide version they started from. */
export interface DraftSnapshot {
  guideId: string;
  baseUpdatedAt: string;
  dirty: boolean;
  steps: StepDraft[];
}

const blank = () => ({ ja: '', en: '' });

export const newStep = (): StepDraft => ({ uid: nanoid(8), target: undefined, stable: true, title: blank(), body: blank(), placement: 'auto', advance: 'next', spotlight: false });

export function draftOf(guide: Guide): DraftSnapshot {
  return {
    guideId: guide.id,
    baseUpdatedAt: guide.updatedAt,
    dirty: false,
    steps: guide.steps.map((step) => ({ ...newStep(), ...step, title: toLocalizedDraft(step.title), body: toLocalizedDraft(step.body) })),
  };
}

/** The steps as the API takes them; blank languages are left out, so the server names a text missing in all of them. */
export function toGuideStep({ target, title, body, placement, advance, spotlight }: StepDraft): GuideStep {
  return { ...(target ? { target } : {}), title: fromLocalizedDraft(title), body: fromLocalizedDraft(body), placement, advance, spotlight };
}

export type Editor = ReturnType<typeof createEditor>;

/** The draft as signals, with the edits the UI makes; every change is handed to `keep` (this tab's storage). */
export function createEditor(start: DraftSnapshot, keep: (snapshot: DraftSnapshot) => void) {
  const steps = signal(start.steps);
  const selected = signal<string | null>(start.steps[0]?.uid ?? null);
  const dirty = signal(start.dirty);
  const baseUpdatedAt = signal(start.baseUpdatedAt);
  effect(() => keep({ guideId: start.guideId, baseUpdatedAt: baseUpdatedAt.value, dirty: dirty.value, steps: steps.value }));

  const change = (next: StepDraft[]) => {
    steps.value = next;
    dirty.value = true;
  };
  const indexOf = (uid: string) => steps.value.findIndex((s) => s.uid === uid);

  return {
    steps,
    selected,
    dirty,
    baseUpdatedAt,
    current: computed(() => steps.value.find((s) => s.uid === selected.value)),
    add(): StepDraft {
      const step = newStep();
      change([...steps.value, step]);
      selected.value = step.uid;
      return step;
    },
    update(uid: string, patch: Partial<StepDraft>): void {
      change(steps.value.map((s) => (s.uid === uid ? { ...s, ...patch } : s)));
    },
    move(uid: string, by: -1 | 1): void {
      const from = indexOf(uid);
      const to = from + by;
      if (from < 0 || to < 0 || to >= steps.value.length) return;
      const next = steps.value.slice();
      next.splice(to, 0, ...next.splice(from, 1));
      change(next);
    },
    remove(uid: string): void {
      const at = indexOf(uid);
      const next = steps.value.filter((s) => s.uid !== uid);
      change(next);
      if (selected.value === uid) selected.value = next[Math.min(at, next.length - 1)]?.uid ?? null;
    },
    /** The server has `sent` (by default the steps as they are) now, as version `guide.updatedAt`. */
    saved(guide: Guide, sent = steps.value): void {
      baseUpdatedAt.value = guide.updatedAt;
      // Edits made while the save was on its way are not on the server.
      dirty.value = steps.value !== sent;
    },
  };
}
