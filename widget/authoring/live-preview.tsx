import { useEffect, useState } from 'preact/hooks';
import type { UiLocale } from '../../shared/localize.ts';
import type { StepTarget } from '../../shared/schemas/guide.ts';
import { waitForTarget, watchRemoval } from '../ui/target.ts';
import { StepCard } from '../ui/tour.tsx';
import { toGuideStep, type StepDraft } from './draft.ts';

/** How long one look for a target lasts before it starts again: the author may navigate to its page at any time. */
const LOOK_MS = 60_000;

/**
 * The element `target` points at on this page, followed as the app changes: found when it
 * appears (the author navigated to its page), looked for again when the app replaces it.
 * `found` counts the findings, so a replaced element re-anchors what is shown on it.
 */
export function useTargetElement(target: StepTarget | undefined): { el: Element | null; found: number } {
  const [state, setState] = useState<{ el: Element | null; found: number }>({ el: null, found: 0 });
  const [look, setLook] = useState(0);
  useEffect(() => {
    setState((s) => ({ el: null, found: s.found }));
    if (!target) return;
    return waitForTarget(
      document,
      target,
      (el) => (el ? setState((s) => ({ el, found: s.found + 1 })) : setLook((n) => n + 1)),
      LOOK_MS,
    );
  }, [target, look]);
  useEffect(() => (state.el ? watchRemoval(state.el, () => setLook((n) => n + 1)) : undefined), [state.el]);
  return state;
}

const noop = () => {};

interface LivePreviewProps {
  step: StepDraft;
  index: number;
  total: number;
  locale: UiLocale;
  target: { el: Element | null; found: number };
}

/**
 * The step as visitors will see it (the tour's own card), on the real element, updated as the
 * author types. Inert: it shows, but takes no focus or clicks away from the editor and the page.
 */
export function LivePreview({ step, index, total, locale, target }: LivePreviewProps) {
  if (step.target && !target.el) return null;
  return (
    <div inert>
      <StepCard
        key={`${step.uid} ${step.placement} ${step.spotlight} ${step.advance} ${target.found}`}
        step={toGuideStep(step)}
        index={index}
        total={total}
        locale={locale}
        target={target.el}
        canGoBack={index > 0}
        onShown={noop}
        onBack={noop}
        onNext={noop}
        onClose={noop}
      />
    </div>
  );
}
