import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { controlMessages } from '../../shared/controls.ts';
import { localize, type UiLocale } from '../../shared/localize.ts';
import type { GuideStep } from '../../shared/schemas/guide.ts';
import type { GuideViewOptions } from '../guide-ui.ts';
import { closeOnEscape } from './escape.ts';
import { Markdown } from './markdown-view.tsx';
import { anchor, reveal } from './position.ts';
import { Spotlight } from './spotlight.tsx';
import { resolveTarget, waitForTarget, watchRemoval } from './target.ts';

/**
 * Runs a tour: finds each step's target (waiting for it a while), shows the step, and moves on
 * by Next/Back/Done or a click on the target. A step whose target never shows up is skipped in
 * the direction the user was going.
 */
export function Tour({ guide, startAt, locale, onStepShown, onStepCompleted, onTargetMissing, onEnd }: GuideViewOptions) {
  const { steps } = guide;
  // `visit` changes on every move, so moving "to the same step" (a skip that wraps) still re-runs the search.
  const [at, setAt] = useState({ index: startAt, dir: 1, visit: 0 });
  /** undefined while looking for the target; null for a step without one. */
  const [target, setTarget] = useState<Element | null | undefined>(undefined);
  const shown = useRef(false);
  // The step last reported as shown: finding a replaced target again is not a new showing.
  const reported = useRef(-1);
  const step = steps[at.index];

  const go = (index: number, dir: number) => {
    if (index >= steps.length) return onEnd(shown.current ? 'completed' : 'missing');
    setTarget(undefined);
    setAt((prev) => ({ index: Math.max(index, 0), dir: index < 0 ? 1 : dir, visit: prev.visit + 1 }));
  };

  useEffect(() => {
    if (!step) return;
    if (!step.target) return setTarget(null);
    return waitForTarget(document, step.target, (el) => {
      if (el) return setTarget(el);
      onTargetMissing(at.index);
      go(at.index + at.dir, at.dir);
    });
  }, [at]);

  // A target that leaves the page is looked for again (waiting, then skipping, like any missing
  // target) instead of being pointed at where it no longer is.
  useEffect(() => (target ? watchRemoval(target, () => go(at.index, at.dir)) : undefined), [target]);

  if (!step || target === undefined) return null;
  const previous = steps[at.index - 1];
  return (
    <StepCard
      key={at.visit}
      step={step}
      index={at.index}
      total={steps.length}
      locale={locale}
      target={target}
      // Back only where the previous step can be shown right now (its target may be on another page).
      canGoBack={!!previous && (!previous.target || !!resolveTarget(document, previous.target))}
      onShown={() => {
        shown.current = true;
        if (reported.current === at.index) return;
        reported.current = at.index;
        onStepShown(at.index);
      }}
      onBack={() => go(at.index - 1, -1)}
      onNext={() => {
        onStepCompleted(at.index);
        if (at.index + 1 >= steps.length) onEnd('completed');
        else go(at.index + 1, 1);
      }}
      onClose={() => onEnd('dismissed')}
    />
  );
}

interface StepCardProps {
  step: GuideStep;
  index: number;
  total: number;
  locale: UiLocale;
  target: Element | null;
  canGoBack: boolean;
  onShown(): void;
  onBack(): void;
  onNext(): void;
  onClose(): void;
}

/**
 * One step: a tooltip anchored to its target (non-modal dialog), or a centred modal card when
 * the step has no target. Focus moves into it when it appears so keyboard and screen-reader
 * users land on it; Esc closes the tour while focus is inside.
 */
export function StepCard({ step, index, total, locale, target, canGoBack, onShown, onBack, onNext, onClose }: StepCardProps) {
  const t = controlMessages[locale];
  const titleId = useId();
  const bodyId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const arrowRef = useRef<HTMLDivElement>(null);
  const [hole, setHole] = useState<DOMRect | null>(null);
  const byClick = !!target && step.advance === 'click';
  const win = document.defaultView ?? window;

  useEffect(() => {
    onShown();
    if (target) reveal(target);
    panel.current?.focus({ preventScroll: true });
    if (!target || !panel.current) return;
    const stop = anchor(target, panel.current, arrowRef.current, step.placement, step.spotlight ? setHole : undefined);
    const advance = () => onNext();
    if (byClick) target.addEventListener('click', advance);
    return () => {
      stop();
      if (byClick) target.removeEventListener('click', advance);
    };
  }, []);

  return (
    <>
      {(step.spotlight || !target) && <Spotlight hole={target ? hole : null} win={win} />}
      <div
        ref={panel}
        class={target ? 'panel tip' : 'panel modal'}
        role="dialog"
        aria-modal={target ? 'false' : 'true'}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        tabIndex={-1}
        lang={locale}
        onKeyDown={closeOnEscape(onClose)}
      >
        <div class="head">
          <span class="progress">
            {index + 1} / {total}
          </span>
          <button type="button" class="close" aria-label={t.close} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <h2 id={titleId}>{localize(step.title, locale)}</h2>
        <div id={bodyId} class="body">
          <Markdown text={localize(step.body, locale)} />
        </div>
        {(canGoBack || !byClick) && (
          <div class="actions">
            {canGoBack && (
              <button type="button" onClick={onBack}>
                {t.back}
              </button>
            )}
            {!byClick && (
              <button type="button" class="primary" onClick={onNext}>
                {index + 1 === total ? t.done : t.next}
              </button>
            )}
          </div>
        )}
        {target && <div ref={arrowRef} class="arrow" />}
      </div>
    </>
  );
}
